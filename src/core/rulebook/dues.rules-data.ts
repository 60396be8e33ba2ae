// Rulebook entries of 党费 (issue 19); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const DUES_RULES: readonly RuleEntry[] = [];
