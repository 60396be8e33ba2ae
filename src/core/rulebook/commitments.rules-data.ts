// Rulebook entries of the commitments module (issue 8); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

const CXZY = '创先争优活动相关规定 / 地方实践';
const HONOURS = '《中国共产党党内功勋荣誉表彰条例》（2017年）：评选表彰对象须公示；公示期按各地通知惯例';

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
  {
    id: 'commitments.commendation.publicityWorkingDays',
    value: 5,
    unit: 'working days',
    title: '两优一先拟表彰对象公示不少于5个工作日',
    source: HONOURS,
    certainty: 'L',
    effectiveFrom: '2017-12-01',
  },
  {
    id: 'commitments.photo.maxBytes',
    value: 5 * 1024 * 1024,
    unit: 'bytes',
    title: '践诺佐证照片单张不超过5MB（JPEG、PNG）',
    source: '平台配置（地方实践：手机拍摄照片压缩后通常在5MB以内）',
    certainty: 'L',
    effectiveFrom: '2010-04-01',
  },
  {
    id: 'commitments.photo.maxPerProgress',
    value: 9,
    unit: 'photos',
    title: '每条践诺记录最多9张佐证照片',
    source: '平台配置（地方实践）',
    certainty: 'L',
    effectiveFrom: '2010-04-01',
  },
];
