// Organisational life's alert sources (预警), found by the same reports as the 达标 page, the
// quality findings and the annual plans: a closed period that fell short (未达标, never 进行中),
// quality findings of held meetings (补记, 到会率低, short or missing minutes), copied minutes
// and plans, and plans not submitted or not acknowledged by the parent.
import { STATUS_FAIL } from '../../../core/org-life/compliance.ts';
import { periodOf, type Period } from '../../../core/org-life/periods.ts';
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import { addDays } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import type { AlertSource, Q } from '../alerts/alerts.registry.ts';
import { complianceRows, OBLIGED_KINDS } from './org-life.compliance.ts';
import { plansUnderWithCopies } from './org-life.plans.ts';
import * as repo from './org-life.repository.ts';
import { BRANCH_KINDS } from '../../../core/org/org.types.ts';

const calendarPage = (orgId: number) => `/orgs/${orgId}/org-life`;
const compliancePage = (orgId: number) => `/orgs/${orgId}/org-life/compliance`;
const plansPage = (orgId: number) => `/orgs/${orgId}/org-life/plans`;
const meetingPage = (meetingId: number) => `/org-life/meetings/${meetingId}`;

/** The reports read on the caller's connection (inside a write transaction, its own state). */
const on = (ctx: AppContext, db: Q): AppContext => ({ ...ctx, db });

/**
 * The year whose closed periods are watched: the year of the last month that is over, so that in
 * January the misses of December and of the year just ended still show; earlier misses have had
 * their 未达标 on the 达标 page and are history.
 */
export function watchedYear(today: string): Period {
  return periodOf(Number(addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 4)));
}

/** Quality findings that are alerts of their own kind: copies are LIFE_COPIED, the rest LIFE_QUALITY. */
const QUALITY_CODES = new Set([
  'ATTENDANCE_LOW',
  'QUORUM_NOT_MET',
  'MINUTES_MISSING',
  'MINUTES_SHORT',
  'RECORD_LATE',
]);

export const complianceAlerts: AlertSource = {
  id: 'org-life.compliance',
  codes: [
    {
      code: 'LIFE_MISSED',
      label: '组织生活未达标',
      group: '组织生活',
      role: 'worker',
      page: calendarPage,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const period = watchedYear(today);
    const rows = await complianceRows(on(ctx, db), { path: scopePath }, period, today, {
      status: STATUS_FAIL,
    });
    const paths = new Map(
      (await repo.obligedOrgsUnder(db, scopePath, OBLIGED_KINDS)).map((o) => [o.id, o.path]),
    );
    const out: AlertFinding[] = [];
    for (const r of rows) {
      const orgPath = paths.get(r.orgId);
      if (!orgPath) continue;
      out.push({
        code: 'LIFE_MISSED',
        orgId: r.orgId,
        orgPath,
        subjectType: 'org-life-type',
        subjectId: `${r.orgId}:${period.key}:${r.type}`,
        subjectLabel: r.orgName,
        detail: `${period.key}年${r.type}未达标（应${r.required}次，已开${r.held}次）${r.reason ? `：${r.reason}` : ''}`,
        link: r.type === '谈心谈话' ? `/orgs/${r.orgId}/org-life/talks` : null,
      });
    }
    return out;
  },
};

export const qualityAlerts: AlertSource = {
  id: 'org-life.quality',
  codes: [
    {
      code: 'LIFE_QUALITY',
      label: '组织生活质量问题',
      group: '组织生活',
      role: 'worker',
      page: compliancePage,
    },
    {
      code: 'LIFE_COPIED',
      label: '会议记录雷同',
      group: '组织生活',
      role: 'worker',
      page: compliancePage,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const period = watchedYear(today);
    const [stored, pairs] = await Promise.all([
      repo.findingsUnder(db, scopePath, period.from, period.to),
      repo.similarPairsOfMeetingsUnder(db, scopePath, period.from, period.to),
    ]);
    const out: AlertFinding[] = [];
    for (const f of stored) {
      if (!QUALITY_CODES.has(f.code)) continue;
      out.push({
        code: 'LIFE_QUALITY',
        orgId: f.org_id,
        orgPath: f.org_path,
        subjectType: 'meeting',
        subjectId: `${f.meeting_id}:${f.code}`,
        subjectLabel: f.org_name,
        since: f.held_on,
        detail: f.detail,
        link: meetingPage(f.meeting_id),
      });
    }
    // One alert per meeting whose minutes resemble another's (the most similar one is named).
    const seen = new Set<number>();
    for (const p of pairs) {
      if (seen.has(p.meeting_id)) continue;
      seen.add(p.meeting_id);
      out.push({
        code: 'LIFE_COPIED',
        orgId: p.org_id,
        orgPath: p.org_path,
        subjectType: 'meeting',
        subjectId: String(p.meeting_id),
        subjectLabel: p.name,
        since: p.held_on,
        detail: `${p.name}${p.held_on}${p.type}的记录与${p.other_name}${p.other_held_on}${p.other_type}的记录相似度${Math.round(p.similarity * 100)}%，疑似照抄`,
        link: meetingPage(p.meeting_id),
      });
    }
    return out;
  },
};

export const planAlerts: AlertSource = {
  id: 'org-life.plans',
  codes: [
    {
      code: 'PLAN_NOT_SUBMITTED',
      label: '年度计划未提交',
      group: '组织生活',
      role: 'worker',
      page: plansPage,
    },
    {
      code: 'PLAN_UNACKNOWLEDGED',
      label: '年度计划待上级确认',
      group: '组织生活',
      role: 'org_admin',
      page: plansPage,
    },
  ],
  async find(_ctx, db, scopePath, today) {
    const year = Number(today.slice(0, 4));
    const [branches, { plans }] = await Promise.all([
      repo.obligedOrgsUnder(db, scopePath, BRANCH_KINDS),
      repo.plansUnder(db, scopePath, year),
    ]);
    const byOrg = new Map(plans.map((p) => [p.org_id, p]));
    const out: AlertFinding[] = [];
    for (const b of branches) {
      if (b.status !== 'active') continue;
      const p = byOrg.get(b.id);
      if (!p || p.status === 'draft')
        out.push({
          code: 'PLAN_NOT_SUBMITTED',
          orgId: b.id,
          orgPath: b.path,
          subjectType: 'org',
          subjectId: `${b.id}:${year}`,
          subjectLabel: b.name,
          since: `${year}-01-01`,
          detail: `${b.name}${year}年度组织生活计划${p ? '仍为草稿' : '未制定'}，尚未提交上级党组织`,
        });
      else if (p.status === 'submitted')
        out.push({
          code: 'PLAN_UNACKNOWLEDGED',
          orgId: b.id,
          orgPath: b.path,
          subjectType: 'org',
          subjectId: `${b.id}:${year}`,
          subjectLabel: b.name,
          since: p.submitted_at ? p.submitted_at.slice(0, 10) : null,
          detail: `${b.name}${year}年度组织生活计划已提交，上级党组织尚未确认`,
        });
    }
    return out;
  },
};

/**
 * Near-identical annual plans (照抄计划). Compared across the whole tree whatever the scope (a
 * copy is of another branch's plan, often in another township), so it is refreshed by the daily
 * job and the seed, not inside each plan's write.
 */
export const planCopyAlerts: AlertSource = {
  id: 'org-life.plan-copies',
  codes: [
    {
      code: 'PLAN_COPIED',
      label: '年度计划雷同',
      group: '组织生活',
      role: 'worker',
      page: plansPage,
    },
  ],
  async find(ctx, db, scopePath, today) {
    const year = Number(today.slice(0, 4));
    const { active, copies } = await plansUnderWithCopies(ctx, db, '/', year);
    const paths = new Map(active.map((b) => [b.id, b.path]));
    const out: AlertFinding[] = [];
    for (const c of copies) {
      for (const [mine, other] of [
        [c.a, c.b],
        [c.b, c.a],
      ] as const) {
        const orgPath = paths.get(mine.orgId);
        if (!orgPath || !orgPath.startsWith(scopePath)) continue;
        out.push({
          code: 'PLAN_COPIED',
          orgId: mine.orgId,
          orgPath,
          subjectType: 'plan',
          subjectId: `${mine.orgId}:${year}:${other.orgId}`,
          subjectLabel: mine.orgName,
          detail: `${mine.orgName}的${year}年度计划与${other.orgName}的相似度${Math.round(c.similarity * 100)}%，疑似照抄`,
        });
      }
    }
    return out;
  },
};
