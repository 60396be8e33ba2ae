// Rulebook entries of the commitments module (issue 8); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

const CXZY = '创先争优活动相关规定 / 地方实践';

export const COMMITMENTS_RULES: readonly RuleEntry[] = [
  {
    id: 'commitments.review.maxMonths',
    value: 6,
    unit: 'months',
    title: '领导点评至少每半年一次（距上次点评满6个月即到期）',
    source: CXZY,
    certainty: 'L',
    effectiveFrom: '2010-04-01',
  },
];
