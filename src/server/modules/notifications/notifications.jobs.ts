// The daily notification jobs: 发展党员 steps falling due (the development audit's `upcoming`) to
// the branch's workers, 临近换届 to the organisation and its parent, and one digest per user. Each
// finding notifies once per recipient (dedupe key), so running a job twice changes nothing.
import {
  developmentDueNotice,
  digestNotice,
  termDueNotice,
} from '../../../core/notifications/notifications.rules.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { countsFor } from '../alerts/alerts.service.ts';
import { auditSubtree } from '../development/development.service.ts';
import { termsReport } from '../org-system/org-system.reports.ts';
import { notify } from './notifications.service.ts';
import * as repo from './notifications.repository.ts';

/** Who runs organisations (the 三员 handle no party business and get none of these). */
const ORG_ROLES = ['org_admin', 'worker'] as const;
const DIGEST_ROLES = ['org_admin', 'worker', 'member'] as const;

/** Runs `work` in one transaction with one summary audit row; returns how many were created. */
async function inJob(
  ctx: AppContext,
  job: string,
  work: (trx: Parameters<typeof notify>[1]) => Promise<{ created: number; found: number }>,
): Promise<{ created: number; found: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await work(trx);
    if (r.created > 0)
      await appendAudit(trx, ctx.ring, {
        at: ctx.now().toISOString(),
        action: 'notification.job',
        result: 'ok',
        actorUsername: 'system',
        objectType: 'notification',
        detail: { job, found: r.found, created: r.created },
      });
    return r;
  });
}

/** 发展党员 deadlines coming up: to the workers scoped at the candidate's branch. */
export async function notifyDevelopmentDeadlines(ctx: AppContext) {
  const today = chinaDate(ctx.now());
  const report = await auditSubtree(ctx, '/', today);
  const codes = [...new Set(report.upcoming.map((u) => u.orgCode))];
  const orgs = new Map<string, { id: number; path: string }>();
  for (let i = 0; i < codes.length; i += 400) {
    const rows = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'code', 'path'])
      .where('code', 'in', codes.slice(i, i + 400))
      .execute();
    for (const o of rows) orgs.set(o.code, { id: Number(o.id), path: o.path });
  }
  const workers = new Map<number, number[]>();
  for (const w of await repo.usersScopedAt(
    ctx.db,
    [...orgs.values()].map((o) => o.id),
    ['worker'],
  ))
    workers.set(Number(w.scope_org_id), [...(workers.get(Number(w.scope_org_id)) ?? []), Number(w.id)]);
  return inJob(ctx, 'development.due', async (trx) => {
    let created = 0;
    for (const u of report.upcoming) {
      const org = orgs.get(u.orgCode);
      if (!org) continue;
      created += await notify(ctx, trx, {
        ...developmentDueNotice(u),
        recipients: workers.get(org.id) ?? [],
        orgPath: org.path,
      });
    }
    return { created, found: report.upcoming.length };
  });
}

/** 临近换届 (within the rulebook's reminder months): to the organisation's and its parent's admins and workers. */
export async function notifyTermsDue(ctx: AppContext) {
  const today = chinaDate(ctx.now());
  const rows = (await termsReport(ctx.db, ctx.config.rulebook, { id: 0, path: '/' }, today)).filter(
    (r) => r.status === '临近换届' && r.termEnd,
  );
  const paths = new Map<number, string>();
  for (let i = 0; i < rows.length; i += 400) {
    const found = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where(
        'id',
        'in',
        rows.slice(i, i + 400).map((r) => r.orgId),
      )
      .execute();
    for (const o of found) paths.set(Number(o.id), o.path);
  }
  const parentOf = (orgId: number) => {
    const ids = pathIds(paths.get(orgId) ?? '');
    return ids.length > 1 ? ids[ids.length - 2]! : null;
  };
  const scoped = new Map<number, number[]>();
  const targets = rows.flatMap((r) => [r.orgId, parentOf(r.orgId)]).filter((x): x is number => x !== null);
  for (const u of await repo.usersScopedAt(ctx.db, targets, ORG_ROLES))
    scoped.set(Number(u.scope_org_id), [...(scoped.get(Number(u.scope_org_id)) ?? []), Number(u.id)]);
  return inJob(ctx, 'term.due', async (trx) => {
    let created = 0;
    for (const r of rows) {
      const parent = parentOf(r.orgId);
      created += await notify(ctx, trx, {
        ...termDueNotice({ orgId: r.orgId, orgName: r.orgName, termEnd: r.termEnd! }),
        recipients: [...(scoped.get(r.orgId) ?? []), ...(parent !== null ? (scoped.get(parent) ?? []) : [])],
        orgPath: paths.get(r.orgId) ?? null,
      });
    }
    return { created, found: rows.length };
  });
}

/**
 * One digest per user and day: their unread notifications and, for those who run organisations,
 * the open alerts of their scope (read from the per-ancestor counters).
 */
export async function sendDailyDigests(ctx: AppContext) {
  const day = chinaDate(ctx.now());
  const rows = await repo.digestRecipients(ctx.db, DIGEST_ROLES);
  const users = new Map<
    number,
    { scopeOrgId: number; scopeName: string; scopePath: string; runsOrgs: boolean }
  >();
  for (const r of rows) {
    const u = users.get(Number(r.id));
    const runsOrgs = (ORG_ROLES as readonly string[]).includes(r.role);
    if (u) u.runsOrgs ||= runsOrgs;
    else
      users.set(Number(r.id), {
        scopeOrgId: Number(r.scope_org_id),
        scopeName: r.scope_name,
        scopePath: r.scope_path,
        runsOrgs,
      });
  }
  const unread = await repo.unreadByUser(ctx.db);
  const alerts = new Map<number, Awaited<ReturnType<typeof countsFor>>['bySeverity']>();
  for (const u of users.values())
    if (u.runsOrgs && !alerts.has(u.scopeOrgId))
      alerts.set(u.scopeOrgId, (await countsFor(ctx, u.scopeOrgId)).bySeverity);
  return inJob(ctx, 'digest', async (trx) => {
    let created = 0;
    let found = 0;
    for (const [userId, u] of users) {
      const notice = digestNotice({
        day,
        unread: unread.get(userId) ?? 0,
        alerts: u.runsOrgs ? alerts.get(u.scopeOrgId)! : null,
        scopeName: u.scopeName,
        link: u.runsOrgs ? `/orgs/${u.scopeOrgId}/workbench` : '/me',
      });
      if (!notice) continue;
      found += 1;
      created += await notify(ctx, trx, { ...notice, recipients: [userId], orgPath: u.scopePath });
    }
    return { created, found };
  });
}
