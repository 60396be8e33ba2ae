// To-dos (待办) of the workbench: what the people of an organisation must do now — requests and
// transfers waiting for them, meetings to sign in or to record, and the open alerts (预警) whose
// acting role is theirs. Read from the modules' own tables and the alert registry.
import { sql } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { Role } from '../../../core/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import { alertCatalogue } from '../alerts/alerts.service.ts';

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
  const [requests, incoming, approvals, returned, meetings, alerts] = await Promise.all([
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
    // Transfers to accept (接收) at an organisation of the subtree.
    db
      .selectFrom('roster_transfers as t')
      .innerJoin('persons as p', 'p.id', 't.person_id')
      .innerJoin('orgs as o', 'o.id', 't.to_org_id')
      .select(['t.id', 't.to_org_id as org_id', 't.initiated_at', 'p.name', 'o.name as org_name'])
      .where('t.status', '=', 'pending_acceptance')
      .where('t.to_org_path', '>=', org.path)
      .where('t.to_org_path', '<', upper)
      .orderBy('t.initiated_at')
      .limit(limit)
      .execute(),
    // Transfers waiting for the approval of a committee of the subtree (审批).
    db
      .selectFrom('roster_transfers as t')
      .innerJoin('persons as p', 'p.id', 't.person_id')
      .select(['t.id', 't.from_org_id as org_id', 't.initiated_at', 'p.name', 't.approver_path'])
      .where('t.status', '=', 'pending_approval')
      .where('t.approver_path', '>=', org.path)
      .where('t.approver_path', '<', upper)
      .orderBy('t.initiated_at')
      .limit(limit)
      .execute(),
    // Transfers returned to the sending branch (退回).
    db
      .selectFrom('roster_transfers as t')
      .innerJoin('persons as p', 'p.id', 't.person_id')
      .select(['t.id', 't.from_org_id as org_id', 't.updated_at', 'p.name'])
      .where('t.status', '=', 'returned')
      .where('t.from_org_path', '>=', org.path)
      .where('t.from_org_path', '<', upper)
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
          .where('org_path', '>=', org.path)
          .where('org_path', '<', upper)
          .orderBy(SEVERITY_ORDER)
          .orderBy('due')
          .orderBy('since')
          .limit(limit)
          .execute(),
  ]);
  const labels = alertCatalogue();
  const out: Todo[] = [
    ...requests.map((r) => ({
      kind: 'transfer_request',
      title: `${r.name}申请转出组织关系，待${r.org_name}办理`,
      due: null,
      link: `/orgs/${r.org_id}/roster/transfers`,
      orgName: r.org_name,
    })),
    ...approvals.map((t) => ({
      kind: 'transfer_approval',
      title: `${t.name}的组织关系转接待审批`,
      due: null,
      link: `/orgs/${t.org_id}/roster/transfers`,
    })),
    ...incoming.map((t) => ({
      kind: 'transfer_incoming',
      title: `${t.name}的组织关系转入${t.org_name}，待接收`,
      due: null,
      link: `/orgs/${t.org_id}/roster/transfers`,
      orgName: t.org_name,
    })),
    ...returned.map((t) => ({
      kind: 'transfer_returned',
      title: `${t.name}的组织关系转接被退回，待处理`,
      due: null,
      link: `/orgs/${t.org_id}/roster/transfers`,
    })),
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
