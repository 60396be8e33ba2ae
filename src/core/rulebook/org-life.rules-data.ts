// Rulebook entries of the org-life module (issue 5); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const ORG_LIFE_RULES: readonly RuleEntry[] = [];
