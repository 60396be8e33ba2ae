// 督查 rules (issue 18): plan targets, the visit checklist, findings, default rectification
// deadlines, target status and bulletin read receipts. Pure: no clock, no database.
import type { ChecklistItem } from '../rulebook/inspection.rules-data.ts';
import { addDays, daysBetween } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export const PLAN_KINDS = ['专项督查', '常规督查', '随机抽查'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const ITEM_RESULTS = ['符合', '基本符合', '不符合'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const SEVERITIES = ['一般', '较重', '严重'] as const;
export type FindingSeverity = (typeof SEVERITIES)[number];

export const EXAMPLE_KINDS = ['表扬', '批评'] as const;
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

/** Kinds of organisation that issue 督查 plans and 通报: committees with organisations below them. */
export const ISSUER_KINDS = ['党委', '党工委', '党组', '党总支'] as const;

export interface OrgRefLike {
  id: number;
  path: string;
  name: string;
}

export interface PlanTargetInput {
  org: OrgRefLike;
  plannedOn: string;
}

/**
 * A plan's targets: each strictly below the issuer (never the issuer itself, never outside its
 * subtree), each organisation once, each planned visit inside the plan's period.
 */
export function decidePlanTargets(
  issuer: { path: string },
  period: { from: string; to: string },
  targets: readonly PlanTargetInput[],
): Decision<void> {
  if (period.from > period.to) return refuse('PERIOD_INVALID', '督查结束日期不能早于开始日期', 'periodTo');
  if (targets.length === 0) return refuse('TARGETS_REQUIRED', '请至少选择一个督查对象', 'targets');
  const seen = new Set<number>();
  for (const [i, t] of targets.entries()) {
    if (t.org.path === issuer.path || !t.org.path.startsWith(issuer.path))
      return refuse('TARGET_OUT_OF_SCOPE', '督查对象超出本组织管理范围', `targets[${i}].orgId`);
    if (seen.has(t.org.id))
      return refuse('TARGET_DUPLICATE', `督查对象“${t.org.name}”重复`, `targets[${i}].orgId`);
    seen.add(t.org.id);
    if (t.plannedOn < period.from || t.plannedOn > period.to)
      return refuse(
        'PLANNED_OUTSIDE_PERIOD',
        `“${t.org.name}”的计划督查日期不在督查期间内`,
        `targets[${i}].plannedOn`,
      );
  }
  return ok(undefined);
}

export interface ChecklistEntryInput {
  code: string;
  result: ItemResult;
  note?: string | undefined;
}

export interface ChecklistEntry {
  code: string;
  label: string;
  result: ItemResult;
  note: string;
}

/**
 * The checklist of a visit: every rulebook item exactly once, in rulebook order; an item found
 * 不符合 says why (a note), so the finding can be traced.
 */
export function decideChecklist(
  book: readonly ChecklistItem[],
  entries: readonly ChecklistEntryInput[],
): Decision<ChecklistEntry[]> {
  const byCode = new Map<string, ChecklistEntryInput>();
  for (const [i, e] of entries.entries()) {
    if (!book.some((b) => b.code === e.code))
      return refuse('CHECKLIST_UNKNOWN_ITEM', '督查清单中没有该检查项', `checklist[${i}].code`);
    if (byCode.has(e.code)) return refuse('CHECKLIST_DUPLICATE', '检查项重复登记', `checklist[${i}].code`);
    byCode.set(e.code, e);
  }
  const out: ChecklistEntry[] = [];
  for (const b of book) {
    const e = byCode.get(b.code);
    if (!e) return refuse('CHECKLIST_INCOMPLETE', `检查项“${b.label}”未登记结果`, 'checklist');
    const note = (e.note ?? '').trim();
    if (e.result === '不符合' && !note)
      return refuse('CHECKLIST_NOTE_REQUIRED', `检查项“${b.label}”不符合，请填写具体情况`, 'checklist');
    out.push({ code: b.code, label: b.label, result: e.result, note });
  }
  return ok(out);
}

export interface FindingInput {
  text: string;
  severity: FindingSeverity;
  itemCode: string;
}

/** Findings name a checklist item of this visit. */
export function decideFindings(
  book: readonly ChecklistItem[],
  findings: readonly FindingInput[],
): Decision<void> {
  for (const [i, f] of findings.entries())
    if (!book.some((b) => b.code === f.itemCode))
      return refuse('FINDING_ITEM_UNKNOWN', '发现问题所属的检查项不在督查清单中', `findings[${i}].itemCode`);
  return ok(undefined);
}

/** The visit date: not before the plan's period starts, never in the future. */
export function decideVisitDate(visitedOn: string, periodFrom: string, today: string): Decision<void> {
  if (visitedOn > today) return refuse('VISIT_IN_FUTURE', '督查日期不能晚于今天', 'visitedOn');
  if (visitedOn < periodFrom)
    return refuse('VISIT_BEFORE_PERIOD', '督查日期不能早于督查期间开始日期', 'visitedOn');
  return ok(undefined);
}

/** Default 整改 deadline from the rulebook's days by severity, counted from today. */
export function defaultDeadline(
  severity: FindingSeverity,
  days: Readonly<Record<FindingSeverity, number>>,
  today: string,
): string {
  return addDays(today, days[severity]);
}

export type TargetStatus = 'visited' | 'overdue' | 'planned';

/** A planned visit is overdue once its date has passed without a visit record. */
export function targetStatus(plannedOn: string, visitedOn: string | null, today: string): TargetStatus {
  if (visitedOn) return 'visited';
  return plannedOn < today ? 'overdue' : 'planned';
}

export const TARGET_STATUS_LABEL: Record<TargetStatus, string> = {
  visited: '已督查',
  overdue: '逾期未督查',
  planned: '待督查',
};

/** A 严重 finding not turned into 整改 within `openDays` of being recorded. */
export function findingOpenTooLong(
  f: { severity: string; recordedOn: string; rectItemId: number | null },
  openDays: number,
  today: string,
): boolean {
  return f.severity === '严重' && f.rectItemId === null && daysBetween(f.recordedOn, today) > openDays;
}

export interface ReceiptRow {
  orgId: number;
  userName: string;
  readAt: string;
}

export interface RecipientReadState {
  orgId: number;
  orgName: string;
  read: boolean;
  /** The first reading by the organisation's staff. */
  firstReadAt: string | null;
  readers: string[];
  /** Unread for at least the rulebook's days since publication. */
  longUnread: boolean;
}

/** Read or unread per receiving organisation: read once any of its staff opened the bulletin. */
export function readStates(
  recipients: ReadonlyArray<{ orgId: number; orgName: string }>,
  receipts: readonly ReceiptRow[],
  issuedOn: string,
  unreadDays: number,
  today: string,
): RecipientReadState[] {
  return recipients.map((r) => {
    const mine = receipts.filter((x) => x.orgId === r.orgId).sort((a, b) => a.readAt.localeCompare(b.readAt));
    const read = mine.length > 0;
    return {
      orgId: r.orgId,
      orgName: r.orgName,
      read,
      firstReadAt: mine[0]?.readAt ?? null,
      readers: [...new Set(mine.map((x) => x.userName))],
      longUnread: !read && daysBetween(issuedOn, today) >= unreadDays,
    };
  });
}
