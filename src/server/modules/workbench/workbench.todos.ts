// To-dos (待办) of the workbench: what the people of an organisation must do now — requests and
// transfers waiting for them, meetings to sign in or to record, and the open alerts (预警) whose
// acting role is theirs. Read from the modules' own tables and the alert registry.
import { sql } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { Role } from '../../../core/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import { alertCatalogue } from '../alerts/alerts.service.ts';
import { pendingTaskTodos } from '../tasks/tasks.todos.ts';

export interface Todo {
  kind: string;
  title: string;
  /** What exactly is wrong (an alert's detail). */
  detail?: string;
  due: string | null;
  link: string;
  orgName?: string;
  severity?: string;
}

/** Alert codes whose conditions the to-do list reads directly (not twice through the alert). */
const SHOWN_DIRECTLY = ['TRANSFER_WAITING', 'TASK_OVERDUE'];

const SEVERITY_ORDER = sql<number>`case severity when 'red' then 0 when 'orange' then 1 else 2 end`;

export async function todosOf(
  ctx: AppContext,
  org: { id: number; path: string },
  roles: readonly Role[],
  today: string,
  limit = 50,
): Promise<Todo[]> {
  const db = ctx.db;
  const upper = pathUpperBound(org.path);
  const [requests, transfers, meetings, alerts] = await Promise.all([
    // A member's own transfer request, waiting for the sending branch (转出申请).
    db
      .selectFrom('roster_transfer_requests as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.org_id', 'r.created_at', 'p.name', 'o.name as org_name'])
      .where('r.status', '=', 'open')
      .where('r.org_path', '>=', org.path)
      .where('r.org_path', '<', upper)
      .orderBy('r.created_at')
      .limit(limit)
      .execute(),
    // Transfers waiting for this subtree: to accept (接收) at the receiver, to approve (审批) at
    // the committee, or returned (退回) to the sender — each stage matched on its own path.
    db
      .selectFrom('roster_transfers as t')
      .innerJoin('persons as p', 'p.id', 't.person_id')
      .innerJoin('orgs as o', 'o.id', 't.to_org_id')
      .select([
        't.id',
        't.status',
        't.from_org_id',
        't.to_org_id',
        't.updated_at',
        'p.name',
        'o.name as to_org_name',
      ])
      .where((eb) => {
        const under = (col: 't.to_org_path' | 't.approver_path' | 't.from_org_path') =>
          eb.and([eb(col, '>=', org.path), eb(col, '<', upper)]);
        return eb.or([
          eb.and([eb('t.status', '=', 'pending_acceptance'), under('t.to_org_path')]),
          eb.and([eb('t.status', '=', 'pending_approval'), under('t.approver_path')]),
          eb.and([eb('t.status', '=', 'returned'), under('t.from_org_path')]),
        ]);
      })
      .orderBy('t.updated_at')
      .limit(limit)
      .execute(),
    // Scheduled meetings up to today: sign in today, record the ones that are past.
    db
      .selectFrom('life_meetings as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.type', 'm.title', 'm.held_on', 'o.name as org_name'])
      .where('m.status', '=', 'scheduled')
      .where('m.held_on', '<=', today)
      .where('m.org_path', '>=', org.path)
      .where('m.org_path', '<', upper)
      .orderBy('m.held_on')
      .limit(limit)
      .execute(),
    roles.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('alerts')
          .select(['code', 'severity', 'subject_label', 'detail', 'due', 'since', 'link', 'org_path'])
          .where('is_open', '=', 1)
          .where('role', 'in', roles)
          // Listed above from the transfers themselves, with the stage each waits in.
          .where('code', 'not in', SHOWN_DIRECTLY)
          .where('org_path', '>=', org.path)
          .where('org_path', '<', upper)
          .orderBy(SEVERITY_ORDER)
          .orderBy('due')
          .orderBy('since')
          .limit(limit)
          .execute(),
  ]);
  const labels = alertCatalogue();
  const taskTodos = await pendingTaskTodos(ctx, org, today, limit);
  const out: Todo[] = [
    ...requests.map((r) => ({
      kind: 'transfer_request',
      title: `${r.name}申请转出组织关系，待${r.org_name}办理`,
      due: null,
      link: `/orgs/${r.org_id}/roster/transfers`,
      orgName: r.org_name,
    })),
    ...transfers.map(transferTodo),
    ...meetings.map((m) => ({
      kind: m.held_on === today ? 'meeting_sign_in' : 'meeting_record',
      title:
        m.held_on === today
          ? `今天召开${m.type}“${m.title}”，组织签到`
          : `${m.type}“${m.title}”（${m.held_on}）待录入会议记录和出席情况`,
      due: m.held_on,
      link: m.held_on === today ? `/org-life/sign-in/${m.id}` : `/org-life/meetings/${m.id}`,
      orgName: m.org_name,
    })),
    ...taskTodos,
    ...alerts.map((a) => ({
      kind: a.code,
      title: `${labels.get(a.code)?.label ?? '预警'}：${a.subject_label}`,
      detail: a.detail,
      due: a.due,
      link: a.link,
      severity: a.severity,
    })),
  ];
  return out.slice(0, limit);
}

function transferTodo(t: {
  status: string;
  from_org_id: number;
  to_org_id: number;
  name: string;
  to_org_name: string;
}): Todo {
  if (t.status === 'pending_acceptance')
    return {
      kind: 'transfer_incoming',
      title: `${t.name}的组织关系转入${t.to_org_name}，待接收`,
      due: null,
      link: `/orgs/${t.to_org_id}/roster/transfers`,
      orgName: t.to_org_name,
    };
  return t.status === 'pending_approval'
    ? {
        kind: 'transfer_approval',
        title: `${t.name}的组织关系转接待审批`,
        due: null,
        link: `/orgs/${t.from_org_id}/roster/transfers`,
      }
    : {
        kind: 'transfer_returned',
        title: `${t.name}的组织关系转接被退回，待处理`,
        due: null,
        link: `/orgs/${t.from_org_id}/roster/transfers`,
      };
}
