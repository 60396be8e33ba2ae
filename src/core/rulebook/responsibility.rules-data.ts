// Rulebook entries of 党建责任制 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const RESPONSIBILITY_RULES: readonly RuleEntry[] = [];
