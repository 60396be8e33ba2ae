// Rulebook entries of 考核 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const ASSESSMENT_RULES: readonly RuleEntry[] = [];
