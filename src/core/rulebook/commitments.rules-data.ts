// Rulebook entries of the commitments module (issue 8); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

export const COMMITMENTS_RULES: readonly RuleEntry[] = [];
