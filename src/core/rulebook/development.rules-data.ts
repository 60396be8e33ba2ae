// Rulebook entries of the development module (issue 6); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const DEVELOPMENT_RULES: readonly RuleEntry[] = [];
