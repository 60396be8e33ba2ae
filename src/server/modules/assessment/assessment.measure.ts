// Values of the computed 考核 indicators for every organisation of a subtree in a year, rolled up
// the tree (core/indicators rollUp), reusing the workbench indicator definitions so that a rate
// means the same thing on the workbench and in the assessment.
import { rollUp, valueOf, type Part } from '../../../core/indicators/indicators.rules.ts';
import type { AssessIndicatorDef } from '../../../core/assessment/assessment.types.ts';
import type { AppContext } from '../../context.ts';
import { INDICATOR_BY_KEY, type SharedFacts } from '../indicators/indicators.defs.ts';
import { inspectionFindingsOf } from '../inspection/inspection.export.ts';
import { gatherFacts } from '../org-system/org-system.reports.ts';
import * as repo from './assessment.repository.ts';

/** Indicators read straight from a workbench definition at the assessment date. */
const AT_DATE = [
  'termOnTime',
  'secretaryRate',
  'rectificationOnTime',
  'commitmentReviewOnTime',
  'taskReportOnTime',
];

/** The date a year is assessed on: its last day, or today while it runs. */
export function asOfYear(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

/** The quarter-end dates of the year up to `asOf` (the running quarter as of `asOf`). */
export function quarterDates(year: number, asOf: string): string[] {
  const out: string[] = [];
  for (const [start, end] of [
    ['01-01', '03-31'],
    ['04-01', '06-30'],
    ['07-01', '09-30'],
    ['10-01', '12-31'],
  ] as const) {
    if (`${year}-${start}` > asOf) break;
    out.push(`${year}-${end}` < asOf ? `${year}-${end}` : asOf);
  }
  return out;
}

export type Measured = Map<string, Map<number, Part>>;

/** Rolled-up parts per indicator key and organisation of `root`'s subtree. */
export async function measureSubtree(
  ctx: AppContext,
  root: { id: number; path: string },
  year: number,
  today: string,
  keys: ReadonlySet<string>,
): Promise<Measured> {
  const asOf = asOfYear(year, today);
  const nodes = await repo.subtreeNodes(ctx.db, root.path);
  let facts: ReturnType<typeof gatherFacts> | undefined;
  const shared: SharedFacts = { orgFacts: () => (facts ??= gatherFacts(ctx.db, root, asOf)) };
  const out: Measured = new Map();
  if (keys.has('lifeCompliance')) {
    const def = INDICATOR_BY_KEY.get('lifeCompliance')!;
    const own = new Map<number, Part>();
    // Each quarter's own parts summed: the year's requirements met over those due.
    for (const at of quarterDates(year, asOf)) {
      const m = await def.measure(ctx, root, at, shared);
      for (const [id, p] of m.own) {
        const q = own.get(id) ?? { num: 0, den: 0 };
        own.set(id, { num: q.num + p.num, den: (q.den ?? 0) + (p.den ?? 0) });
      }
    }
    out.set('lifeCompliance', rollUp(nodes, own));
  }
  for (const key of AT_DATE) {
    if (!keys.has(key)) continue;
    const def = INDICATOR_BY_KEY.get(key);
    if (!def) continue; // its module is not there yet: nothing measured
    const m = await def.measure(ctx, root, asOf, shared);
    out.set(key, rollUp(nodes, m.own, m.denOverride));
  }
  if (keys.has('inspectionFindings')) {
    const tallies = await inspectionFindingsOf(ctx.db, root.path, year);
    const own = new Map<number, Part>(tallies.map((t) => [t.orgId, { num: t.findings, den: null }]));
    out.set('inspectionFindings', rollUp(nodes, own));
  }
  if (keys.has('devViolations')) {
    const counts = await repo.devViolationsIn(ctx.db, root.path, year);
    const own = new Map<number, Part>([...counts].map(([id, n]) => [id, { num: n, den: null }]));
    out.set('devViolations', rollUp(nodes, own));
  }
  return out;
}

/** The value an indicator scores on for one organisation, and how it was counted. */
export function valueFor(
  def: AssessIndicatorDef,
  measured: Measured,
  orgId: number,
): { value: number | null; detail: string } {
  if (def.rule.type === 'pending') return { value: null, detail: '所需模块尚未上线，暂不计分' };
  const p = measured.get(def.key)?.get(orgId);
  if (def.rule.type === 'deduction') {
    const n = p?.num ?? 0;
    return { value: n, detail: `${n}项，每项扣${def.rule.perUnit}分` };
  }
  if (!measured.has(def.key)) return { value: null, detail: '数据来源尚未上线，按满分计' };
  const value = valueOf(p, '%');
  return {
    value,
    detail: value === null ? '无应考核事项，按满分计' : `${p!.num}/${p!.den}`,
  };
}
