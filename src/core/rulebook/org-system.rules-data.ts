// Rulebook entries of the org-system module (issue 3); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const ORG_SYSTEM_RULES: readonly RuleEntry[] = [];
