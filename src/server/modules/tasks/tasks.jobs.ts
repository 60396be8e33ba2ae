// The daily 任务截止提醒: targets not yet reported within the rulebook's days before the deadline,
// and once more when overdue, notify their organisation's staff. The dedupe key makes each
// reminder once per target and reason, so running the job twice changes nothing.
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import { taskRemindNotice } from '../../../core/tasks/tasks.notices.ts';
import { reminderFor, targetStatus, type TargetState } from '../../../core/tasks/tasks.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './tasks.repository.ts';

/** Overdue reminders go out once; targets overdue for longer than this are left to the alerts. */
const OVERDUE_LOOKBACK_DAYS = 30;

export async function remindTaskDeadlines(ctx: AppContext): Promise<{ found: number; created: number }> {
  const today = chinaDate(ctx.now());
  const daysBefore = ruleValue<number>(ctx.config.rulebook, 'tasks.remind.daysBefore', today);
  const due = (await repo.targetsUnder(ctx.db, '/'))
    .filter((g) => g.state !== 'submitted' && g.deadline >= addDays(today, -OVERDUE_LOOKBACK_DAYS))
    .map((g) => {
      const status = targetStatus(
        { deadline: g.deadline, state: g.state as TargetState, submittedOn: g.submitted_on },
        today,
      );
      return { g, why: reminderFor({ deadline: g.deadline, status }, today, daysBefore) };
    })
    .filter((x): x is { g: (typeof x)['g']; why: 'soon' | 'overdue' } => x.why !== null);
  const staff = new Map<number, number[]>();
  for (const u of await usersScopedAt(
    ctx.db,
    due.map((x) => x.g.org_id),
    ['org_admin', 'worker'],
  ))
    staff.set(Number(u.scope_org_id), [...(staff.get(Number(u.scope_org_id)) ?? []), Number(u.id)]);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let created = 0;
    for (const { g, why } of due)
      created += await notify(ctx, trx, {
        ...taskRemindNotice(
          { id: g.task_id, title: g.title, issuerName: g.issuer_name, deadline: g.deadline, orgId: g.org_id },
          why,
          now,
        ),
        recipients: staff.get(g.org_id) ?? [],
        orgPath: g.org_path,
      });
    if (created > 0)
      await appendAudit(trx, ctx.ring, {
        at: now,
        action: 'task.remind_job',
        result: 'ok',
        actorUsername: 'system',
        objectType: 'task',
        detail: { found: due.length, created },
      });
    return { found: due.length, created };
  });
}
