// Statutory checks of the 25 steps. The same functions decide whether a step may be recorded
// (refuse, unless it is entered as history) and what the 自查自纠 audit lists.
import { ruleValue } from '../rulebook/rulebook.ts';
import type { Rulebook } from '../rulebook/rulebook.types.ts';
import { ORG_LIFE_EXCLUSIONS } from '../rulebook/org-life.rules-data.ts';
import { ageOn, daysBetween } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';
import { workingDaysBetween, type WorkCalendar } from './calendar.ts';
import type {
  CandidateRecord,
  Finding,
  MemberSnapshot,
  StepRecord,
  Upcoming,
  VoteExclusion,
  VoteRecord,
} from './development.types.ts';
import { addMonths, describePeriod, hasFullYears, withinMonths } from './periods.ts';
import { stepDef, stepsOn, type StepDef } from './steps.ts';

export const FULL_MEMBER = '正式党员';
export const PROBATIONARY = '预备党员';

export interface RuleContext {
  book: Rulebook;
  calendar: WorkCalendar;
  /** Today in China, for overdue checks and upcoming deadlines. */
  today: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function latest(steps: readonly StepRecord[], no: number): StepRecord | undefined {
  let found: StepRecord | undefined;
  for (const s of steps) if (s.step === no && (!found || s.doneOn >= found.doneOn)) found = s;
  return found;
}

function first(steps: readonly StepRecord[], no: number): StepRecord | undefined {
  let found: StepRecord | undefined;
  for (const s of steps) if (s.step === no && (!found || s.doneOn < found.doneOn)) found = s;
  return found;
}

/** The end of the 预备期: 1 year from the 支部大会 (step 15), plus an extension decided at step 23. */
export function probationEnd(c: Pick<CandidateRecord, 'steps'>, book: Rulebook): string | null {
  const meeting = first(c.steps, 15);
  if (!meeting) return null;
  const years = ruleValue<number>(book, 'development.probationYears', meeting.doneOn);
  let end = addMonths(meeting.doneOn, years * 12);
  for (const s of c.steps) {
    if (s.step === 23 && s.data.outcome === '延长预备期') end = addMonths(end, num(s.data.extendMonths) ?? 0);
  }
  return end;
}

// ---- single rules (each a Decision so that the boundary tests read like the rulebook) ----

export function checkAge(birthDate: string, appliedOn: string, book: Rulebook): Decision {
  const min = ruleValue<number>(book, 'development.minAge', appliedOn);
  const age = ageOn(birthDate, appliedOn);
  if (age < min)
    return refuse(
      'AGE_UNDER_MIN',
      `递交申请书时${age}周岁，未满${min}周岁（出生日期${birthDate}）`,
      'appliedOn',
    );
  return ok(undefined);
}

export function checkTalk(appliedOn: string, talkOn: string, book: Rulebook): Decision {
  const months = ruleValue<number>(book, 'development.talkWithinMonths', appliedOn);
  if (!withinMonths(appliedOn, talkOn, months))
    return refuse(
      'TALK_LATE',
      `收到申请书${appliedOn}，谈话${talkOn}，相隔${describePeriod(appliedOn, talkOn)}，超过${months}个月`,
      'doneOn',
    );
  return ok(undefined);
}

export function checkActivistPeriod(activistOn: string, targetOn: string, book: Rulebook): Decision {
  const years = ruleValue<number>(book, 'development.activistMinYears', activistOn);
  if (!hasFullYears(activistOn, targetOn, years))
    return refuse(
      'ACTIVIST_PERIOD_SHORT',
      `积极分子培养期${describePeriod(activistOn, targetOn)}，不满${years}年（${activistOn}确定为积极分子，${targetOn}列为发展对象）`,
      'doneOn',
    );
  return ok(undefined);
}

export function checkPublicity(
  start: string,
  end: string,
  decisionOn: string,
  cal: WorkCalendar,
  book: Rulebook,
): Decision {
  const min = ruleValue<number>(book, 'development.publicityWorkingDays', decisionOn);
  if (!start || !end) return refuse('PUBLICITY_SHORT', '未记录公示起止日期', 'publicityStart');
  if (end < start) return refuse('PUBLICITY_SHORT', `公示结束日期${end}早于开始日期${start}`, 'publicityEnd');
  if (end > decisionOn)
    return refuse('PUBLICITY_SHORT', `公示${start}至${end}，结束晚于决定日期${decisionOn}`, 'publicityEnd');
  const days = workingDaysBetween(start, end, cal);
  if (days < min)
    return refuse(
      'PUBLICITY_SHORT',
      `公示${start}至${end}仅${days}个工作日，不足${min}个工作日`,
      'publicityEnd',
    );
  return ok(undefined);
}

export function checkContacts(contacts: readonly MemberSnapshot[], on: string, book: Rulebook): Decision {
  const { min, max } = ruleValue<{ min: number; max: number }>(book, 'development.contacts', on);
  if (contacts.length < min || contacts.length > max)
    return refuse(
      'CONTACTS_INVALID',
      `培养联系人${contacts.length}名，应为${min}至${max}名正式党员`,
      'contacts',
    );
  const bad = contacts.find((c) => c.category !== FULL_MEMBER);
  if (bad)
    return refuse(
      'CONTACTS_INVALID',
      `培养联系人${bad.name}在${on}为${bad.category ?? '非党员'}，不是正式党员`,
      'contacts',
    );
  return ok(undefined);
}

export function checkIntroducers(
  introducers: readonly MemberSnapshot[],
  on: string,
  book: Rulebook,
): Decision {
  const n = ruleValue<number>(book, 'development.introducers', on);
  if (introducers.length !== n)
    return refuse(
      'INTRODUCER_INVALID',
      `入党介绍人${introducers.length}名，应为${n}名正式党员`,
      'introducers',
    );
  for (const p of introducers) {
    if (p.category !== FULL_MEMBER)
      return refuse(
        'INTRODUCER_INVALID',
        `入党介绍人${p.name}在${on}为${p.category ?? '非党员'}，不能担任入党介绍人`,
        'introducers',
      );
    if (p.onProbationDiscipline)
      return refuse(
        'INTRODUCER_INVALID',
        `入党介绍人${p.name}在${on}受留党察看处分，不能担任入党介绍人`,
        'introducers',
      );
  }
  if (introducers[0] && introducers.every((p) => p.personId === introducers[0]!.personId))
    return refuse('INTRODUCER_INVALID', '两名入党介绍人不能是同一人', 'introducers');
  return ok(undefined);
}

export function checkTraining(
  days: number | null,
  hours: number | null,
  on: string,
  book: Rulebook,
): Decision {
  const { minDays, minHours } = ruleValue<{ minDays: number; minHours: number }>(
    book,
    'development.training',
    on,
  );
  if ((days ?? 0) >= minDays || (hours ?? 0) >= minHours) return ok(undefined);
  return refuse(
    'TRAINING_SHORT',
    `集中培训${days ?? 0}天、${hours ?? 0}学时，不足${minDays}天或${minHours}学时`,
    'trainingDays',
  );
}

/**
 * 应到会 = full members on the date, minus those under 留党察看 (no 表决权, 党章 第四十条), minus
 * the approved exclusions; quorum: present > ratio × 应到会; pass: for > ratio × 应到会.
 */
export function voteOutcome(v: VoteRecord, on: string, book: Rulebook) {
  const quorumRatio = ruleValue<number>(book, 'life.vote.quorumRatio', on);
  const passRatio = ruleValue<number>(book, 'development.vote.passRatio', on);
  const expected = Math.max(0, v.fullMembers - (v.suspended ?? 0) - v.exclusions.length);
  return { expected, quorum: v.present > expected * quorumRatio, passed: v.for > expected * passRatio };
}

/** The approved case an exclusion names: a case code, or its label as written (imports, old records). */
export function exclusionCaseOf(text: string | undefined, allowed: readonly string[]): string | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  if (allowed.includes(t)) return t;
  const byLabel = allowed.find((c) => (ORG_LIFE_EXCLUSIONS as Record<string, string>)[c] === t);
  return byLabel ?? null;
}

export const exclusionLabel = (code: string): string =>
  (ORG_LIFE_EXCLUSIONS as Record<string, string>)[code] ?? code;

/** Is this exclusion one of the approved cases in force on the date? */
export function checkExclusion(e: VoteExclusion, on: string, book: Rulebook): Decision {
  const allowed = ruleValue<string[]>(book, 'orgLife.vote.exclusions', on);
  const cases = allowed.map(exclusionLabel).join('；');
  if (e.case && allowed.includes(e.case)) return ok(undefined);
  const given = e.case ? exclusionLabel(e.case) : (e.reason ?? '').trim();
  return refuse(
    'VOTE_EXCLUSION_INVALID',
    given
      ? `${e.name}不计入应到会人数的原因“${given}”不是经批准不计入应到会人数的情形（${cases}），应计入应到会人数`
      : `${e.name}未选择不计入应到会人数的情形（${cases}）`,
    'vote',
  );
}

export function checkVote(v: VoteRecord | undefined, on: string, book: Rulebook): Decision {
  if (!v) return refuse('VOTE_NO_QUORUM', '未记录表决情况', 'vote');
  if (v.for + v.against + v.abstain > v.present)
    return refuse(
      'VOTE_INVALID',
      `赞成${v.for}、反对${v.against}、弃权${v.abstain}，合计超过实到${v.present}人`,
      'vote',
    );
  for (const e of v.exclusions) {
    const d = checkExclusion(e, on, book);
    if (!d.ok) return d;
  }
  const r = voteOutcome(v, on, book);
  if (v.present > r.expected)
    return refuse('VOTE_INVALID', `实到${v.present}人，超过应到会有表决权的正式党员${r.expected}人`, 'vote');
  if (!r.quorum) {
    const suspended = v.suspended ? `，受留党察看处分无表决权${v.suspended}人` : '';
    return refuse(
      'VOTE_NO_QUORUM',
      `应到会正式党员${r.expected}人（正式党员${v.fullMembers}人${suspended}，经批准不计入应到会人数${v.exclusions.length}人），实到${v.present}人，未超过半数`,
      'vote',
    );
  }
  if (!r.passed)
    return refuse('VOTE_NOT_PASSED', `赞成${v.for}票，未超过应到会正式党员${r.expected}人的半数`, 'vote');
  return ok(undefined);
}

export function checkApproval(
  meetingOn: string,
  approvalOn: string,
  lateReason: string,
  book: Rulebook,
): Decision {
  const { normal, max } = ruleValue<{ normal: number; max: number }>(
    book,
    'development.approvalMonths',
    meetingOn,
  );
  const period = describePeriod(meetingOn, approvalOn);
  if (!withinMonths(meetingOn, approvalOn, max))
    return refuse(
      'APPROVAL_LATE',
      `支部大会${meetingOn}通过，${approvalOn}审批，相隔${period}，超过${max}个月`,
      'doneOn',
    );
  if (!withinMonths(meetingOn, approvalOn, normal) && !lateReason)
    return refuse(
      'APPROVAL_LATE',
      `支部大会${meetingOn}通过，${approvalOn}审批，相隔${period}，超过${normal}个月且未记录原因`,
      'lateReason',
    );
  return ok(undefined);
}

export function checkExtension(
  months: number | null,
  earlierExtensions: number,
  on: string,
  book: Rulebook,
): Decision {
  const { minMonths, maxMonths, times } = ruleValue<{ minMonths: number; maxMonths: number; times: number }>(
    book,
    'development.extension',
    on,
  );
  if (earlierExtensions >= times) return refuse('EXTENSION_INVALID', `预备期只能延长${times}次`, 'outcome');
  if (months === null || months < minMonths || months > maxMonths)
    return refuse(
      'EXTENSION_INVALID',
      `延长预备期${months ?? 0}个月，应为${minMonths}至${maxMonths}个月`,
      'extendMonths',
    );
  return ok(undefined);
}

// ---- the whole record ----

const RULE_OF: Record<string, string> = {
  AGE_UNDER_MIN: 'development.minAge',
  TALK_LATE: 'development.talkWithinMonths',
  TALK_OVERDUE: 'development.talkWithinMonths',
  ACTIVIST_PERIOD_SHORT: 'development.activistMinYears',
  PUBLICITY_SHORT: 'development.publicityWorkingDays',
  CONTACTS_INVALID: 'development.contacts',
  REVIEW_GAP: 'development.reviewIntervalMonths',
  INTRODUCER_INVALID: 'development.introducers',
  POLITICAL_REVIEW_NO_CONCLUSION: 'development.steps',
  TRAINING_SHORT: 'development.training',
  VOTE_NO_QUORUM: 'life.vote.quorumRatio',
  VOTE_NOT_PASSED: 'development.vote.passRatio',
  VOTE_INVALID: 'development.vote.passRatio',
  VOTE_EXCLUSION_INVALID: 'orgLife.vote.exclusions',
  APPROVAL_LATE: 'development.approvalMonths',
  APPROVAL_OVERDUE: 'development.approvalMonths',
  PROBATION_NOT_ENDED: 'development.probationYears',
  EXTENSION_INVALID: 'development.extension',
  STEP_ORDER: 'development.steps',
  MATERIALS_MISSING: 'development.steps',
  QUOTA_EXCEEDED: 'development.steps',
};

export function ruleOf(code: string): string {
  return RULE_OF[code] ?? 'development.steps';
}

function finding(step: number, d: Decision): Finding[] {
  return d.ok
    ? []
    : [
        {
          step,
          code: d.code,
          rule: ruleOf(d.code),
          detail: d.message,
          ...(d.field ? { field: d.field } : {}),
        },
      ];
}

/** Findings of one recorded step against the rest of the record. */
export function checkStep(c: CandidateRecord, rec: StepRecord, ctx: RuleContext): Finding[] {
  const steps = stepsOn(ctx.book, c.appliedOn);
  const def = stepDef(steps, rec.step);
  if (!def)
    return [
      { step: rec.step, code: 'STEP_UNKNOWN', rule: 'development.steps', detail: `第${rec.step}步不存在` },
    ];
  const out: Finding[] = [...checkOrder(c, rec, def)];
  const book = ctx.book;
  switch (rec.step) {
    case 1:
      out.push(...finding(1, checkAge(c.birthDate, rec.doneOn, book)));
      break;
    case 2:
      out.push(...finding(2, checkTalk(c.appliedOn, rec.doneOn, book)));
      break;
    case 5:
      out.push(
        ...finding(
          5,
          checkContacts((rec.data.contacts as MemberSnapshot[] | undefined) ?? [], rec.doneOn, book),
        ),
      );
      break;
    case 7: {
      const activist = first(c.steps, 3);
      if (activist) out.push(...finding(7, checkActivistPeriod(activist.doneOn, rec.doneOn, book)));
      out.push(
        ...finding(
          7,
          checkPublicity(
            str(rec.data.publicityStart),
            str(rec.data.publicityEnd),
            rec.doneOn,
            ctx.calendar,
            book,
          ),
        ),
      );
      break;
    }
    case 9:
      out.push(
        ...finding(
          9,
          checkIntroducers((rec.data.introducers as MemberSnapshot[] | undefined) ?? [], rec.doneOn, book),
        ),
      );
      break;
    case 10:
      if (!str(rec.data.conclusion))
        out.push({
          step: 10,
          code: 'POLITICAL_REVIEW_NO_CONCLUSION',
          rule: 'development.steps',
          detail: '政治审查未形成书面结论',
        });
      break;
    case 11:
      out.push(
        ...finding(
          11,
          checkTraining(num(rec.data.trainingDays), num(rec.data.trainingHours), rec.doneOn, book),
        ),
      );
      break;
    case 13:
      out.push(
        ...finding(
          13,
          checkPublicity(
            str(rec.data.publicityStart),
            str(rec.data.publicityEnd),
            rec.doneOn,
            ctx.calendar,
            book,
          ),
        ),
      );
      break;
    case 15:
      out.push(...finding(15, checkVote(rec.data.vote as VoteRecord | undefined, rec.doneOn, book)));
      break;
    case 17: {
      const meeting = first(c.steps, 15);
      if (meeting)
        out.push(...finding(17, checkApproval(meeting.doneOn, rec.doneOn, str(rec.data.lateReason), book)));
      break;
    }
    case 23: {
      const end = probationEnd(
        { steps: c.steps.filter((s) => s !== rec && !(s.step === 23 && s.doneOn >= rec.doneOn)) },
        book,
      );
      if (end && rec.doneOn < end && rec.data.outcome !== '取消预备党员资格')
        out.push({
          step: 23,
          code: 'PROBATION_NOT_ENDED',
          rule: ruleOf('PROBATION_NOT_ENDED'),
          detail: `预备期${end}届满，${rec.doneOn}讨论转正，早于预备期满`,
        });
      out.push(
        ...finding(
          23,
          checkPublicity(
            str(rec.data.publicityStart),
            str(rec.data.publicityEnd),
            rec.doneOn,
            ctx.calendar,
            book,
          ),
        ),
      );
      out.push(...finding(23, checkVote(rec.data.vote as VoteRecord | undefined, rec.doneOn, book)));
      if (rec.data.outcome === '延长预备期') {
        const earlier = c.steps.filter(
          (s) => s !== rec && s.step === 23 && s.doneOn < rec.doneOn && s.data.outcome === '延长预备期',
        ).length;
        out.push(...finding(23, checkExtension(num(rec.data.extendMonths), earlier, rec.doneOn, book)));
      }
      break;
    }
    case 24: {
      const meeting = [...c.steps]
        .filter((s) => s.step === 23 && s.doneOn <= rec.doneOn)
        .sort((a, b) => a.doneOn.localeCompare(b.doneOn))
        .pop();
      if (meeting)
        out.push(...finding(24, checkApproval(meeting.doneOn, rec.doneOn, str(rec.data.lateReason), book)));
      break;
    }
  }
  const missing = def.materials.filter((m) => !rec.materials.includes(m));
  if (missing.length > 0)
    out.push({
      step: rec.step,
      code: 'MATERIALS_MISSING',
      rule: 'development.steps',
      detail: `${def.name}缺少材料：${missing.join('、')}`,
    });
  return out;
}

function checkOrder(c: CandidateRecord, rec: StepRecord, def: StepDef): Finding[] {
  const out: Finding[] = [];
  for (const need of [def.predecessor, ...(def.alsoRequires ?? [])]) {
    if (need === null) continue;
    const prev = first(c.steps, need);
    if (!prev)
      out.push({
        step: rec.step,
        code: 'STEP_ORDER',
        rule: 'development.steps',
        detail: `第${need}步尚未完成，不能进行第${rec.step}步`,
      });
    else if (prev.doneOn > rec.doneOn)
      out.push({
        step: rec.step,
        code: 'STEP_ORDER',
        rule: 'development.steps',
        detail: `第${rec.step}步日期${rec.doneOn}早于第${need}步日期${prev.doneOn}`,
      });
  }
  return out;
}

/** 考察 entries (step 6 for 积极分子 from step 3 to 7; step 21 for 预备党员 from 15 to 23): no gap over N months. */
function reviewGaps(c: CandidateRecord, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const spans: Array<[number, number, number]> = [
    [6, 3, 7],
    [21, 15, 23],
  ];
  for (const [review, fromStep, toStep] of spans) {
    const start = first(c.steps, fromStep);
    if (!start) continue;
    const months = ruleValue<number>(ctx.book, 'development.reviewIntervalMonths', start.doneOn);
    const endRec = first(c.steps, toStep);
    const end = endRec?.doneOn ?? ctx.today;
    const dates = c.steps
      .filter((s) => s.step === review && s.doneOn <= end)
      .map((s) => s.doneOn)
      .sort();
    let prev = start.doneOn;
    for (const d of [...dates, end]) {
      const isEnd = d === end && !dates.includes(d);
      if (!withinMonths(prev, d, months)) {
        const span = isEnd && !endRec ? `${prev}至今` : `${prev}至${d}`;
        out.push({
          step: review,
          code: 'REVIEW_GAP',
          rule: ruleOf('REVIEW_GAP'),
          detail: `${review === 6 ? '入党积极分子' : '预备党员'}考察记录间隔${describePeriod(prev, d)}（${span}），超过${months}个月`,
        });
      }
      prev = d;
    }
  }
  return out;
}

/** The 自查自纠 audit of one candidate: every violation, and deadlines ahead. */
export function auditCandidate(
  c: CandidateRecord,
  ctx: RuleContext,
): { violations: Finding[]; upcoming: Upcoming[] } {
  const violations: Finding[] = [];
  for (const rec of c.steps) violations.push(...checkStep(c, rec, ctx));
  const open = c.status !== '已取消' && c.status !== '已终止';
  if (open && c.status !== '正式党员') violations.push(...reviewGaps(c, ctx));
  const upcoming: Upcoming[] = [];
  if (open) {
    const book = ctx.book;
    const has = (n: number) => c.steps.some((s) => s.step === n);
    if (!has(2)) {
      const due = addMonths(
        c.appliedOn,
        ruleValue<number>(book, 'development.talkWithinMonths', c.appliedOn),
      );
      if (ctx.today > due)
        violations.push({
          step: 2,
          code: 'TALK_OVERDUE',
          rule: ruleOf('TALK_OVERDUE'),
          detail: `${c.appliedOn}递交申请书，至${ctx.today}已${describePeriod(c.appliedOn, ctx.today)}仍未谈话`,
        });
      else upcoming.push({ step: 2, due, what: '派人谈话期限' });
    }
    const meeting = first(c.steps, 15);
    if (meeting && !has(17)) {
      const { normal, max } = ruleValue<{ normal: number; max: number }>(
        book,
        'development.approvalMonths',
        meeting.doneOn,
      );
      const warn = ruleValue<number>(book, 'development.approvalPendingWarnMonths', meeting.doneOn);
      const due = addMonths(meeting.doneOn, normal);
      if (ctx.today > addMonths(meeting.doneOn, max))
        violations.push({
          step: 17,
          code: 'APPROVAL_OVERDUE',
          rule: ruleOf('APPROVAL_OVERDUE'),
          detail: `支部大会${meeting.doneOn}通过，至${ctx.today}已${describePeriod(meeting.doneOn, ctx.today)}，上级党委仍未审批`,
        });
      else if (ctx.today > addMonths(meeting.doneOn, warn))
        upcoming.push({
          step: 17,
          due,
          what: `上级党委审批（支部大会${meeting.doneOn}通过，已待批${describePeriod(meeting.doneOn, ctx.today)}）`,
        });
    }
    if (c.status === '预备党员') {
      const end = probationEnd(c, book);
      const lastMeeting = latest(c.steps, 23);
      const decided = lastMeeting && lastMeeting.data.outcome !== '延长预备期';
      if (end && !decided) {
        const days = daysBetween(ctx.today, end);
        if (days >= 0 && days <= ruleValue<number>(book, 'development.upcomingDays', end))
          upcoming.push({ step: 23, due: end, what: `预备期${end}届满，应讨论转正` });
        else if (days < 0) upcoming.push({ step: 23, due: end, what: `预备期已于${end}届满，尚未讨论转正` });
      }
    }
  }
  return { violations, upcoming };
}

/**
 * May this step be recorded now? Refused with the first rule it breaks, unless recorded as
 * history (then it is stored and the audit lists it).
 */
export function decideRecordStep(c: CandidateRecord, rec: StepRecord, ctx: RuleContext): Decision<Finding[]> {
  const steps = stepsOn(ctx.book, c.appliedOn);
  const def = stepDef(steps, rec.step);
  if (!def) return refuse('STEP_UNKNOWN', `第${rec.step}步不存在`, 'step');
  if (!def.repeatable && c.steps.some((s) => s.step === rec.step))
    return refuse('STEP_DONE', `第${rec.step}步“${def.name}”已记录`, 'step');
  if (rec.doneOn > ctx.today) return refuse('DATE_IN_FUTURE', `日期${rec.doneOn}晚于今天`, 'doneOn');
  if (c.status === '已取消' || c.status === '已终止')
    return refuse(
      'CANDIDATE_CLOSED',
      `${c.name}的发展程序已${c.status === '已取消' ? '取消' : '终止'}`,
      'step',
    );
  const withRec: CandidateRecord = { ...c, steps: [...c.steps, rec] };
  const findings = checkStep(withRec, rec, ctx);
  if (findings.length > 0 && !rec.asHistory) {
    const f = findings[0]!;
    const field =
      f.code === 'STEP_ORDER'
        ? 'step'
        : f.code === 'MATERIALS_MISSING'
          ? 'materials'
          : (f.field ?? fieldOf(f.code));
    return refuse(f.code, `${f.detail}（规则：${ruleTitle(ctx.book, f.rule, rec.doneOn)}）`, field);
  }
  return ok(findings);
}

function fieldOf(code: string): string {
  switch (code) {
    case 'CONTACTS_INVALID':
      return 'contacts';
    case 'INTRODUCER_INVALID':
      return 'introducers';
    case 'POLITICAL_REVIEW_NO_CONCLUSION':
      return 'conclusion';
    case 'TRAINING_SHORT':
      return 'trainingDays';
    case 'PUBLICITY_SHORT':
      return 'publicityEnd';
    case 'VOTE_NO_QUORUM':
    case 'VOTE_NOT_PASSED':
    case 'VOTE_INVALID':
    case 'VOTE_EXCLUSION_INVALID':
      return 'vote';
    case 'EXTENSION_INVALID':
      return 'extendMonths';
    default:
      return 'doneOn';
  }
}

export function ruleTitle(book: Rulebook, id: string, on: string): string {
  const versions = book.rules[id];
  if (!versions) return id;
  let e = versions[0]!;
  for (const v of versions) if (v.effectiveFrom <= on) e = v;
  return e.title;
}

/** The status a candidate reaches once a step is recorded. */
export function statusAfter(current: CandidateRecord['status'], rec: StepRecord): CandidateRecord['status'] {
  switch (rec.step) {
    case 3:
      return '入党积极分子';
    case 7:
      return '发展对象';
    case 17:
      return '预备党员';
    default:
      return current;
  }
}

/** The next step(s) that can be recorded: first missing step whose prerequisites are done. */
export function nextSteps(c: CandidateRecord, steps: readonly StepDef[]): number[] {
  if (
    c.status === '已取消' ||
    c.status === '已终止' ||
    (c.status === '正式党员' && c.steps.some((s) => s.step === 25))
  )
    return [];
  const done = new Set(c.steps.map((s) => s.step));
  return steps
    .filter(
      (s) =>
        (!done.has(s.no) || s.repeatable) &&
        [s.predecessor, ...(s.alsoRequires ?? [])].every((p) => p === null || done.has(p)),
    )
    .filter((s) => !(s.no === 24 && !done.has(23)))
    .map((s) => s.no);
}

/** The first required field of the step that the input lacks (the date is checked by the schema). */
export function missingRequiredField(
  def: StepDef,
  input: Record<string, unknown>,
): { key: string; label: string } | null {
  for (const f of def.fields) {
    if (!f.required || f.key === 'doneOn') continue;
    const v = input[f.key];
    const empty =
      v === undefined ||
      v === null ||
      (typeof v === 'string' && v.trim() === '') ||
      (Array.isArray(v) && v.length === 0);
    if (empty) return { key: f.key, label: f.label };
  }
  return null;
}

/** May the pipeline be terminated (终止发展) on this date? 预备党员 are cancelled by the branch meeting (step 23) and approval (24). */
export function decideTerminate(
  c: Pick<CandidateRecord, 'name' | 'status' | 'appliedOn' | 'steps'>,
  on: string,
  today: string,
): Decision {
  if (c.status === '已取消' || c.status === '已终止')
    return refuse(
      'CANDIDATE_CLOSED',
      `${c.name}的发展程序已${c.status === '已取消' ? '取消' : '终止'}`,
      'on',
    );
  if (c.status === '正式党员')
    return refuse('CANDIDATE_CLOSED', `${c.name}已转为正式党员，不能终止发展`, 'on');
  if (c.status === PROBATIONARY)
    return refuse(
      'PROBATIONARY_NEEDS_MEETING',
      `${c.name}是预备党员：取消预备党员资格须经支部大会讨论（第23步，表决事项选“取消预备党员资格”）并报上级党委审批（第24步）`,
      'on',
    );
  if (on > today) return refuse('DATE_IN_FUTURE', `终止日期${on}晚于今天`, 'on');
  const last = c.steps.reduce((m, s) => (s.doneOn > m ? s.doneOn : m), c.appliedOn);
  if (on < last) return refuse('DATE_BEFORE_LAST_STEP', `终止日期${on}早于最后一个步骤的日期${last}`, 'on');
  return ok(undefined);
}
