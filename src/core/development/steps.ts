// The 25 steps of member development as declarative data (the rulebook holds them, versioned
// by effective date: a revision of the 细则 is a new version of 'development.steps').
import { ruleValue } from '../rulebook/rulebook.ts';
import type { Rulebook } from '../rulebook/rulebook.types.ts';

export const STAGES = [
  '入党申请',
  '入党积极分子的确定和培养教育',
  '发展对象的确定和考察',
  '预备党员的接收',
  '预备党员的教育考察和转正',
] as const;

/** Who records the step: the branch itself, or a committee above it (上级党委 / 组织部门). */
export type StepLevel = 'branch' | 'committee';

export type StepFieldType = 'text' | 'textarea' | 'number' | 'date' | 'members' | 'vote' | 'select';

export interface StepField {
  key: string;
  label: string;
  type: StepFieldType;
  required?: boolean;
  options?: readonly string[];
}

export interface StepDef {
  no: number;
  /** 1–5, index into STAGES + 1. */
  stage: number;
  name: string;
  /** The step that must be recorded first (null for the first). */
  predecessor: number | null;
  /** Further steps that must be recorded before this one (e.g. 12 needs 介绍人 and 政审). */
  alsoRequires?: readonly number[];
  level: StepLevel;
  role: string;
  materials: readonly string[];
  fields: readonly StepField[];
  /** Rule codes checked when the step is recorded and by the audit. */
  rules: readonly string[];
  /** May be recorded more than once (考察 entries). */
  repeatable?: boolean;
}

export function stepsOn(book: Rulebook, on: string): readonly StepDef[] {
  return ruleValue<readonly StepDef[]>(book, 'development.steps', on);
}

export function stepDef(steps: readonly StepDef[], no: number): StepDef | undefined {
  return steps.find((s) => s.no === no);
}
