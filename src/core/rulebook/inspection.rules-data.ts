// Rulebook entries of 督查 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const INSPECTION_RULES: readonly RuleEntry[] = [];
