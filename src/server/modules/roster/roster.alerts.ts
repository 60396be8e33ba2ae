// The roster's alert sources (预警): transfers waiting on an organisation (待接收, 待审批, a member's
// own request to be handled), graduates
// whose relationship has been kept at school past the rulebook's limit (毕业生党员组织关系暂留超期),
// and members abroad for study who have not been in contact within the rulebook's interval. Each
// is found by the roster's own list and core rules (the 转接, 毕业生 and 流动党员 pages).
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { graduateStanding, graduateStatusBounds } from '../../../core/roster/graduate.rules.ts';
import {
  floatingStatus,
  type FloatingDirection,
  type FloatingKind,
} from '../../../core/roster/floating.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { AlertSource } from '../alerts/alerts.registry.ts';
import { orgsByIdUnder } from '../alerts/alert-orgs.ts';
import * as frepo from './roster-floating.repository.ts';
import * as grepo from './roster-graduates.repository.ts';
import * as rrepo from './roster-request.repository.ts';
import { graduateRules } from './roster-graduates.service.ts';
import * as repo from './roster.repository.ts';

/** The registry needs every row of its scope, not a page. */
const ALL = Number.MAX_SAFE_INTEGER;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

export const transferAlerts: AlertSource = {
  id: 'roster.transfers',
  codes: [
    {
      code: 'TRANSFER_WAITING',
      label: '组织关系转接待处理',
      group: '党员',
      role: 'worker',
      page: (orgId) => `/orgs/${orgId}/roster/transfers`,
    },
  ],
  async find(_ctx, db, scopePath) {
    const [rows, requests, orgs] = await Promise.all([
      repo.transfersAwaitingUnder(db, scopePath),
      rrepo.listRequests(db, scopePath, 'open', ALL),
      orgsByIdUnder(db, scopePath),
    ]);
    const byPath = new Map([...orgs.values()].map((o) => [o.path, o]));
    const out: AlertFinding[] = [];
    for (const t of rows) {
      const accepting = t.status === 'pending_acceptance';
      const org = accepting
        ? orgs.get(Number(t.to_org_id))
        : t.approver_path
          ? byPath.get(t.approver_path)
          : undefined;
      if (!org) continue;
      out.push({
        code: 'TRANSFER_WAITING',
        orgId: org.id,
        orgPath: org.path,
        // One subject per stage: the approval alert (at the 党委) closes and the acceptance alert
        // (at the receiver) opens, each refreshed in its own organisation's scope.
        subjectType: accepting ? 'transfer' : 'transfer-approval',
        subjectId: String(t.id),
        subjectLabel: t.person_name,
        since: accepting ? (day(t.approved_at) ?? day(t.initiated_at)) : day(t.initiated_at),
        detail: accepting
          ? `${t.person_name}的组织关系由${t.from_org_name}转入${t.to_org_name}，待${t.to_org_name}接收`
          : `${t.person_name}的组织关系由${t.from_org_name}转往${t.to_org_name}，待${org.name}审批`,
      });
    }
    // A member's own request (本人申请) waits for their organisation to turn it into a transfer.
    for (const r of requests) {
      out.push({
        code: 'TRANSFER_WAITING',
        orgId: Number(r.org_id),
        orgPath: r.org_path,
        subjectType: 'transfer-request',
        subjectId: String(r.id),
        subjectLabel: r.person_name,
        since: day(r.created_at),
        detail: `${r.person_name}申请将组织关系转往${r.to_org_name ?? r.outside_org_name ?? '其他党组织'}，待${r.org_name}办理`,
      });
    }
    return out;
  },
};

export const graduateAlerts: AlertSource = {
  id: 'roster.graduates',
  codes: [
    {
      code: 'GRADUATE_OVERDUE',
      label: '毕业生党员组织关系暂留超期',
      group: '党员',
      role: 'worker',
      page: (orgId) => `/orgs/${orgId}/roster/graduates`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const rules = graduateRules(ctx, today);
    const [rows, orgs] = await Promise.all([
      grepo.listGraduates(
        db,
        { scopePath, on: today, bounds: graduateStatusBounds(today, rules), status: '已超期' },
        null,
        ALL,
      ),
      orgsByIdUnder(db, scopePath),
    ]);
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const org = orgs.get(Number(r.org_id));
      const standing = graduateStanding(r.graduated_on, true, today, rules);
      if (!org || !standing) continue;
      out.push({
        code: 'GRADUATE_OVERDUE',
        orgId: org.id,
        orgPath: org.path,
        // Per organisation: a member who moves on is a new alert there, never one moved by a
        // refresh that sees only one side.
        subjectType: 'person',
        subjectId: `${Number(r.id)}:${org.id}`,
        subjectLabel: r.name,
        since: standing.deadline,
        due: standing.deadline,
        detail: `${r.name}${r.graduated_on}毕业，组织关系暂留已于${standing.deadline}超过${rules.maxYears}年期限${Number(r.transfer_open) === 1 ? '（转接已在办理）' : '，应转出组织关系'}`,
      });
    }
    return out;
  },
};

export const floatingAlerts: AlertSource = {
  id: 'roster.floating',
  codes: [
    {
      code: 'FLOATING_NO_CONTACT',
      label: '流动党员超期未联系',
      group: '党员',
      role: 'worker',
      page: (orgId) => `/orgs/${orgId}/roster/floating`,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const rule = {
      contactMonths: ruleValue<number>(ctx.config.rulebook, 'roster.abroad.contactMonths', today),
      awayMonths: ruleValue<number>(ctx.config.rulebook, 'roster.transfer.awayMonths', today),
    };
    const rows = await frepo.listFloating(db, scopePath, 'active', today, ALL);
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const s = floatingStatus(
        {
          direction: r.direction as FloatingDirection,
          kind: r.kind as FloatingKind,
          since: r.since,
          lastContactOn: r.last_contact_on,
          endedOn: r.ended_on,
        },
        today,
        rule,
      );
      if (!s.contactOverdue) continue;
      out.push({
        code: 'FLOATING_NO_CONTACT',
        orgId: Number(r.org_id),
        orgPath: r.org_path,
        subjectType: 'floating',
        subjectId: String(r.id),
        subjectLabel: r.person_name,
        since: s.contactDueOn,
        due: s.contactDueOn,
        detail: `${r.person_name}（${r.destination ?? '境外'}）应于${s.contactDueOn}前与党组织联系，已逾期（上次联系：${r.last_contact_on ?? '无'}）`,
      });
    }
    return out;
  },
};
