import { STAGES, stepDef, type StepDef } from '../../../core/development/steps.ts';
import type { Finding } from '../../../core/development/development.types.ts';
import { ageOn } from '../../../core/shared/dates.ts';
import type { CandidateRow, StepRow } from './development.repository.ts';

export function stageOf(status: string, lastStep: number, steps: readonly StepDef[]): number {
  if (status === '正式党员') return 6;
  return stepDef(steps, lastStep)?.stage ?? 1;
}

export function presentCandidate(
  row: CandidateRow & { org_name?: string; org_code?: string },
  stepRows: readonly StepRow[],
  steps: readonly StepDef[],
) {
  const lastStep = stepRows.reduce((m, s) => Math.max(m, s.step_no), 0);
  const stage = stageOf(row.status, lastStep, steps);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: row.id_number_masked,
    birthDate: row.birth_date,
    ageAtApplication: ageOn(row.birth_date, row.applied_on),
    orgId: row.org_id,
    orgName: row.org_name ?? null,
    orgCode: row.org_code ?? null,
    appliedOn: row.applied_on,
    status: row.status,
    lastStep,
    lastStepName: stepDef(steps, lastStep)?.name ?? null,
    stage,
    stageName: STAGES[stage - 1] ?? '已转正',
    personId: row.person_id,
    closedOn: row.closed_on ?? null,
    closedReason: row.closed_reason ?? null,
  };
}

export function presentStep(row: StepRow, steps: readonly StepDef[]) {
  return {
    id: row.id,
    step: row.step_no,
    name: stepDef(steps, row.step_no)?.name ?? `第${row.step_no}步`,
    doneOn: row.done_on,
    data: JSON.parse(row.data) as Record<string, unknown>,
    materials: JSON.parse(row.materials) as string[],
    asHistory: row.as_history === 1,
    findingsWhenRecorded: JSON.parse(row.findings) as Finding[],
    createdAt: row.created_at,
  };
}
