// Rulebook entries of 工作任务 (issue 18); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

/** 减负: the national texts set the direction (fewer documents, meetings and reports), the numbers are local. */
const JIANFU =
  '中共中央办公厅《关于解决形式主义突出问题为基层减负的通知》（2019年）、《整治形式主义为基层减负若干规定》（2024年）；每月上限为本地实践';
const PRACTICE = '地方实践（任务督办）';

const cap = (id: string, value: number, title: string): RuleEntry => ({
  id,
  value,
  unit: 'per month',
  title,
  source: JIANFU,
  certainty: 'L',
  effectiveFrom: '2019-03-01',
});

export const TASKS_RULES: readonly RuleEntry[] = [
  cap('tasks.cap.top.tasks', 8, '县级（组织树顶层）每月向下级下达工作任务不超过8项'),
  cap('tasks.cap.top.reports', 4, '县级（组织树顶层）每月向下级要求报送报表、材料不超过4项'),
  cap('tasks.cap.lower.tasks', 6, '乡镇等下级党组织每月向所属组织下达工作任务不超过6项'),
  cap('tasks.cap.lower.reports', 3, '乡镇等下级党组织每月向所属组织要求报送报表、材料不超过3项'),
  {
    id: 'tasks.remind.daysBefore',
    value: 3,
    unit: 'days',
    title: '任务截止前3天提醒未报送的组织',
    source: PRACTICE,
    certainty: 'L',
    effectiveFrom: '2019-03-01',
  },
];
