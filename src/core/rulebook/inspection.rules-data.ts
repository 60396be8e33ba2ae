// Rulebook entries of 督查 (issue 18); see national.ts for the format.
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const rule = ruleMaker('2019-05-01');
/** 《中国共产党党内监督条例》 and the 2019 《中国共产党支部工作条例（试行）》 set what a 督查 looks at; the checklist wording and the day counts are local practice. */
const PRACTICE = '地方实践（组织部门基层党建督查）';
const BRANCH_RULES = '《中国共产党支部工作条例（试行）》（2018年）；地方实践（基层党建督查清单）';

/** One line of the 督查 checklist: a stable code and what the inspector checks. */
export interface ChecklistItem {
  code: string;
  label: string;
}

export const INSPECTION_CHECKLIST: readonly ChecklistItem[] = [
  { code: 'life_records', label: '组织生活记录完整规范' },
  { code: 'three_one', label: '三会一课按期召开' },
  { code: 'dues_ledger', label: '党费收缴台账清楚' },
  { code: 'development_files', label: '发展党员档案规范' },
  { code: 'position_building', label: '阵地建设与使用' },
  { code: 'affairs_public', label: '党务公开及时' },
  { code: 'responsibility_list', label: '责任清单落实' },
];

export const INSPECTION_RULES: readonly RuleEntry[] = [
  rule(
    'inspection.checklist',
    INSPECTION_CHECKLIST,
    'items',
    '基层党建督查清单（每次督查逐项登记符合、基本符合或不符合）',
    BRANCH_RULES,
    'L',
  ),
  rule(
    'inspection.rectifyDays',
    { 一般: 30, 较重: 20, 严重: 10 },
    'days',
    '督查发现问题转为整改的默认期限：一般问题30天、较重问题20天、严重问题10天',
    PRACTICE,
    'L',
  ),
  rule(
    'inspection.finding.openDays',
    7,
    'days',
    '严重问题登记后7天内应转为整改事项，否则预警',
    PRACTICE,
    'L',
  ),
  rule(
    'inspection.bulletin.unreadDays',
    7,
    'days',
    '通报印发7天后仍未阅读的组织标为“长期未读”',
    PRACTICE,
    'L',
  ),
  rule(
    'inspection.photo.maxBytes',
    5 * 1024 * 1024,
    'bytes',
    '督查现场照片单张不超过5MB（JPEG、PNG）',
    PRACTICE,
    'L',
  ),
  rule('inspection.photo.maxPerVisit', 12, 'photos', '每次督查记录最多12张现场照片', PRACTICE, 'L'),
];
