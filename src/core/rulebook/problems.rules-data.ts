// Rulebook entries of 问题清单 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const PROBLEMS_RULES: readonly RuleEntry[] = [];
