// Development services: reads (board, candidate, audit of a subtree).
import {
  auditCandidate,
  nextSteps,
  probationEnd,
  ruleTitle,
} from '../../../core/development/development.rules.ts';
import type {
  CandidateStatus,
  Finding,
  StepRecord,
  Upcoming,
} from '../../../core/development/development.types.ts';
import { STAGES, stepsOn } from '../../../core/development/steps.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ORG_LIFE_EXCLUSIONS } from '../../../core/rulebook/org-life.rules-data.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { underProbationOn } from '../roster/roster-discipline.repository.ts';
import {
  groupSteps,
  loadCalendar,
  requireCandidate,
  requireOrg,
  today,
  toRecord,
} from './development-common.service.ts';
import { candidatePolicies, canReadDev, canWriteDev } from './development.policy.ts';
import { presentCandidate, presentStep } from './development.presenter.ts';
import * as repo from './development.repository.ts';

export function stepDefinitions(ctx: AppContext, on: string | undefined) {
  const date = on ?? today(ctx);
  return { data: { effectiveOn: date, stages: STAGES, steps: stepsOn(ctx.config.rulebook, date) } };
}

export async function board(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const [rows, stepRows, calendar] = await Promise.all([
    repo.listCandidates(ctx.db, org.path),
    repo.stepsUnder(ctx.db, org.path),
    loadCalendar(ctx.db),
  ]);
  const by = groupSteps(stepRows);
  const book = ctx.config.rulebook;
  const t = today(ctx);
  const candidates = rows.map((r) => {
    const steps = by.get(r.id) ?? [];
    const defs = stepsOn(book, r.applied_on);
    const audit = auditCandidate(toRecord(r, steps), { book, calendar, today: t });
    return {
      ...presentCandidate(r, steps, defs),
      violations: audit.violations.length,
      upcoming: audit.upcoming.length,
    };
  });
  return {
    data: { org: { id: org.id, name: org.name, code: org.code, kind: org.kind }, stages: STAGES, candidates },
    policies: {
      create: canWriteDev(rc.actor!, org.path) && isBranchKind(org.kind),
      import: canWriteDev(rc.actor!, org.path),
    },
  };
}

export async function getCandidate(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireCandidate(ctx, rc, id, canReadDev);
  const [steps, calendar, org, members] = await Promise.all([
    repo.stepsOf(ctx.db, id),
    loadCalendar(ctx.db),
    findOrgById(ctx.db, row.org_id),
    membersOn(ctx.db, row.org_id, today(ctx)),
  ]);
  const book = ctx.config.rulebook;
  const defs = stepsOn(book, row.applied_on);
  const record = toRecord(row, steps);
  const audit = auditCandidate(record, { book, calendar, today: today(ctx) });
  const disciplined = await underProbationOn(
    ctx.db,
    members.map((m) => m.personId),
    today(ctx),
  );
  return {
    data: {
      candidate: {
        ...presentCandidate({ ...row, org_name: org?.name ?? '', org_code: org?.code ?? '' }, steps, defs),
        probationEnd: probationEnd(record, book),
      },
      steps: steps.map((s) => presentStep(s, defs)),
      definitions: defs,
      stages: STAGES,
      next: nextSteps(record, defs),
      violations: audit.violations.map((v) => ({ ...v, ruleTitle: ruleTitle(book, v.rule, row.applied_on) })),
      upcoming: audit.upcoming,
      branchMembers: members.map((m) => ({
        personId: m.personId,
        name: m.name,
        category: m.category,
        /** Under 留党察看 today: no 表决权, cannot be an 入党介绍人. */
        underProbation: disciplined.has(m.personId),
      })),
      /** The approved cases a vote may leave out of 应到会 (rulebook orgLife.vote.exclusions). */
      exclusionCases: ruleValue<string[]>(book, 'orgLife.vote.exclusions', today(ctx)).map((code) => ({
        code,
        label: (ORG_LIFE_EXCLUSIONS as Record<string, string>)[code] ?? code,
      })),
    },
    policies: candidatePolicies(rc.actor!, row.org_path),
  };
}

export interface AuditReport {
  violations: Array<Finding & { candidate: string; candidateId: number; orgCode: string; orgName: string }>;
  upcoming: Array<Upcoming & { candidate: string; candidateId: number; orgCode: string; orgName: string }>;
  candidates: number;
}

/** The 自查自纠 audit of a subtree: two queries for the data, then the pure rules. */
export async function auditSubtree(ctx: AppContext, path: string, on: string): Promise<AuditReport> {
  // Two range scans with only the columns the rules read, then the pure rules per candidate.
  const [rows, stepRows, calendar] = await Promise.all([
    repo.auditCandidates(ctx.db, path),
    repo.auditSteps(ctx.db, path),
    loadCalendar(ctx.db),
  ]);
  const by = new Map<number, StepRecord[]>();
  for (const s of stepRows) {
    const rec: StepRecord = {
      id: s.id,
      step: s.step_no,
      doneOn: s.done_on,
      data: JSON.parse(s.data) as Record<string, unknown>,
      materials: JSON.parse(s.materials) as string[],
      asHistory: s.as_history === 1,
    };
    const list = by.get(s.candidate_id);
    if (list) list.push(rec);
    else by.set(s.candidate_id, [rec]);
  }
  const ruleCtx = { book: ctx.config.rulebook, calendar, today: on };
  const report: AuditReport = { violations: [], upcoming: [], candidates: rows.length };
  for (const r of rows) {
    const steps = (by.get(r.id) ?? []).sort(
      (a, b) => a.step - b.step || (a.doneOn < b.doneOn ? -1 : a.doneOn > b.doneOn ? 1 : 0) || a.id! - b.id!,
    );
    const a = auditCandidate(
      {
        id: r.id,
        name: r.name,
        birthDate: r.birth_date,
        appliedOn: r.applied_on,
        status: r.status as CandidateStatus,
        steps,
      },
      ruleCtx,
    );
    const who = { candidate: r.name, candidateId: r.id, orgCode: r.org_code, orgName: r.org_name };
    for (const v of a.violations) report.violations.push({ ...who, ...v });
    for (const u of a.upcoming) report.upcoming.push({ ...who, ...u });
  }
  report.upcoming.sort((a, b) => a.due.localeCompare(b.due));
  return report;
}

export async function auditReport(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadDev);
  const t = today(ctx);
  const report = await auditSubtree(ctx, org.path, t);
  const book = ctx.config.rulebook;
  const byCode: Record<string, number> = {};
  for (const v of report.violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
  return {
    data: {
      org: { id: org.id, name: org.name, code: org.code },
      on: t,
      candidates: report.candidates,
      violations: report.violations.map((v) => ({ ...v, ruleTitle: ruleTitle(book, v.rule, t) })),
      upcoming: report.upcoming,
      byCode,
    },
  };
}
