// The indicators (指标) of the workbench, each defined once: what it counts, where the figure
// comes from, and how one organisation's own part is measured on a date. The modules' own
// reports are reused (the rules are never re-implemented here); indicators.service.ts rolls the
// parts up the tree and stores them per month.
import type { Part } from '../../../core/indicators/indicators.rules.ts';
import { STATUS_FAIL, STATUS_OK } from '../../../core/org-life/compliance.ts';
import { periodOf } from '../../../core/org-life/periods.ts';
import { hasTerms } from '../../../core/org-system/terms.rules.ts';
import type { AppContext } from '../../context.ts';
import { overdueReviews } from '../commitments/commitments.service.ts';
import * as cmRepo from '../commitments/commitments.repository.ts';
import { taskOnTimeParts } from '../tasks/tasks.repository.ts';
import { complianceRows } from '../org-life/org-life.compliance.ts';
import { gatherFacts, termsReport } from '../org-system/org-system.reports.ts';

export interface Measured {
  own: Map<number, Part>;
  /** Organisations that set the denominator of their whole subtree themselves (quotas). */
  denOverride?: Map<number, number>;
}

/** Reads several indicators need, done once per refresh (memoised by the caller). */
export interface SharedFacts {
  /** The org-system facts of the subtree on the date (members, posts, kinds). */
  orgFacts(): ReturnType<typeof gatherFacts>;
}

export interface IndicatorDef {
  key: string;
  label: string;
  unit: '人' | '个' | '%';
  /** One sentence: what is counted (shown as the card's tooltip). */
  definition: string;
  /** Can it be measured as of a past month end (trends)? Some sources keep only today's state. */
  history: boolean;
  measure(
    ctx: AppContext,
    root: { id: number; path: string },
    asOf: string,
    shared: SharedFacts,
  ): Promise<Measured>;
}

const orgIdOfPath = (path: string) => Number(path.split('/').filter(Boolean).at(-1));
const add = (m: Map<number, Part>, orgId: number, num: number, den: number | null) => {
  const p = m.get(orgId) ?? { num: 0, den: den === null ? null : 0 };
  m.set(orgId, { num: p.num + num, den: den === null ? p.den : (p.den ?? 0) + den });
};

export const INDICATORS: readonly IndicatorDef[] = [
  {
    key: 'members',
    label: '党员人数',
    unit: '人',
    definition: '本组织及所属各级组织的党员（含预备党员）人数',
    history: true,
    async measure(ctx, root, asOf, shared) {
      const { facts } = await shared.orgFacts();
      const own = new Map<number, Part>();
      for (const f of facts) own.set(f.orgId, { num: f.members, den: null });
      return { own };
    },
  },
  {
    key: 'orgs',
    label: '党组织数',
    unit: '个',
    definition: '本组织及所属的党委、党总支、党支部数（不含党小组）',
    history: true,
    async measure(ctx, root, asOf, shared) {
      const { orgs } = await shared.orgFacts();
      const own = new Map<number, Part>();
      for (const o of orgs)
        if (o.kind !== '党小组' && (o.established_on ?? '') <= asOf) own.set(o.id, { num: 1, den: null });
      return { own };
    },
  },
  {
    key: 'lifeCompliance',
    label: '本季度组织生活达标率',
    unit: '%',
    definition: '本季度已见分晓的组织生活要求（各组织×会议类型）中达标的比例；进行中、不适用的不计',
    history: true,
    async measure(ctx, root, asOf) {
      const [y, m] = asOf.split('-').map(Number) as [number, number];
      const rows = await complianceRows(ctx, root, periodOf(y, Math.ceil(m / 3)), asOf);
      const own = new Map<number, Part>();
      for (const r of rows) {
        if (r.status !== STATUS_OK && r.status !== STATUS_FAIL) continue;
        add(own, r.orgId, r.status === STATUS_OK ? 1 : 0, 1);
      }
      return { own };
    },
  },
  {
    key: 'secretaryRate',
    label: '书记配备率',
    unit: '%',
    definition: '党委、党总支、党支部中配备了书记的比例',
    history: true,
    async measure(ctx, root, asOf, shared) {
      const { facts } = await shared.orgFacts();
      const own = new Map<number, Part>();
      for (const f of facts)
        if (f.kind !== '党小组') own.set(f.orgId, { num: f.hasSecretary ? 1 : 0, den: 1 });
      return { own };
    },
  },
  {
    key: 'termOnTime',
    label: '按期换届率',
    unit: '%',
    definition: '应换届的党组织中未逾期换届的比例（届期未录入的按未按期计）',
    history: true,
    async measure(ctx, root, asOf) {
      const db = ctx.db;
      const rows = await termsReport(db, ctx.config.rulebook, root, asOf);
      const own = new Map<number, Part>();
      for (const r of rows) {
        if (!hasTerms(r.kind)) continue;
        own.set(r.orgId, { num: r.status === '正常' || r.status === '临近换届' ? 1 : 0, den: 1 });
      }
      return { own };
    },
  },
  {
    key: 'developmentQuota',
    label: '发展党员计划完成率',
    unit: '%',
    definition: '本年接收预备党员人数占上级下达发展名额的比例',
    history: true,
    async measure(ctx, root, asOf) {
      const db = ctx.db;
      const year = asOf.slice(0, 4);
      const [admitted, quotas] = await Promise.all([
        db
          .selectFrom('dev_steps')
          .select(['org_path'])
          .where('step_no', '=', 17)
          .where('done_on', '>=', `${year}-01-01`)
          .where('done_on', '<=', asOf)
          .where('org_path', 'like', `${root.path}%`)
          .execute(),
        db
          .selectFrom('dev_quotas')
          .select(['org_id', 'quota'])
          .where('year', '=', Number(year))
          .where('org_path', 'like', `${root.path}%`)
          .execute(),
      ]);
      const own = new Map<number, Part>();
      for (const a of admitted) add(own, orgIdOfPath(a.org_path), 1, null);
      return { own, denOverride: new Map(quotas.map((q) => [q.org_id, q.quota])) };
    },
  },
  {
    key: 'rectificationOnTime',
    label: '整改按期完成率',
    unit: '%',
    definition: '已到整改期限或已销号的整改事项中，在期限内销号的比例',
    history: true,
    async measure(ctx, root, asOf) {
      const db = ctx.db;
      const rows = await db
        .selectFrom('rect_items')
        .select(['org_id', 'deadline', 'status', 'closed_at'])
        .where('org_path', 'like', `${root.path}%`)
        .where('created_at', '<=', `${asOf}T23:59:59.999Z`)
        .execute();
      const own = new Map<number, Part>();
      for (const r of rows) {
        const closedOn = r.status === 'closed' && r.closed_at ? r.closed_at.slice(0, 10) : null;
        const closed = closedOn !== null && closedOn <= asOf;
        if (!closed && r.deadline >= asOf) continue; // still within its time limit
        add(own, r.org_id, closed && closedOn! <= r.deadline ? 1 : 0, 1);
      }
      return { own };
    },
  },
  {
    key: 'commitmentReviewOnTime',
    label: '承诺按期点评率',
    unit: '%',
    definition: '进行中的公开承诺中未逾期点评的比例（点评周期见规则库）',
    history: false,
    async measure(ctx, root, asOf) {
      const db = ctx.db;
      const [active, overdue] = await Promise.all([
        cmRepo.listActive(db, root.path),
        overdueReviews(db, ctx.config.rulebook, root.path, asOf),
      ]);
      const late = new Set(overdue.filter((o) => o.state === 'overdue').map((o) => o.id));
      const own = new Map<number, Part>();
      for (const c of active) add(own, c.org_id, late.has(c.id) ? 0 : 1, 1);
      return { own };
    },
  },
  {
    key: 'taskReportOnTime',
    label: '任务按时报送率',
    unit: '%',
    definition: '上级下达且已到期的任务中按时报送的比例',
    history: true,
    async measure(ctx, root, asOf) {
      const parts = await taskOnTimeParts(ctx.db, root.path, '0000-01-01', asOf);
      const own = new Map<number, Part>();
      for (const [orgId, p] of parts) add(own, orgId, p.onTime, p.due);
      return { own };
    },
  },
];

export const INDICATOR_BY_KEY = new Map(INDICATORS.map((d) => [d.key, d]));
