// Rulebook entries of the roster module (issue 4); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const ROSTER_RULES: readonly RuleEntry[] = [];
