// Rulebook entries of 工作任务 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const TASKS_RULES: readonly RuleEntry[] = [];
