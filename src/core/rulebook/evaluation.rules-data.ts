// Rulebook entries of the evaluation module (issue 7); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const EVALUATION_RULES: readonly RuleEntry[] = [];
