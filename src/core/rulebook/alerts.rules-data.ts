// Rulebook entries of the alert registry (预警, issue 17): the severity of each alert code.
// The official texts set the obligations and deadlines (cited per code); the colour given to a
// breach is local practice of organisation departments (红 = a rule already broken and serious,
// 橙 = broken, 黄 = falling due or a quality concern), so every entry is certainty 'L' and a
// province may override it.
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const rule = ruleMaker('2026-12-01');
const PRACTICE = '地方实践（组织部门预警分级）';

/** Code → severity and the rule whose breach it signals. */
const SEVERITIES: Array<[code: string, severity: 'red' | 'orange' | 'yellow', what: string]> = [
  ['TERM_OVERDUE', 'red', '基层党组织逾期未换届（中国共产党基层组织选举工作条例：任期届满按期换届）'],
  ['TERM_DUE_SOON', 'yellow', '基层党组织临近换届（届满前应启动换届）'],
  ['SECRETARY_VACANT', 'red', '党组织书记空缺'],
  ['STRUCTURE_ISSUE', 'orange', '组织设置不符合规定（党员人数、委员会设置等）'],
  ['WEAK_SIGNAL', 'orange', '软弱涣散迹象'],
  ['LIFE_MISSED', 'orange', '组织生活未按规定召开（已结束的周期未达标）'],
  ['LIFE_QUALITY', 'yellow', '组织生活质量问题（补记、到会率低等）'],
  ['LIFE_COPIED', 'orange', '会议记录或计划雷同'],
  ['PLAN_NOT_SUBMITTED', 'yellow', '党支部年度组织生活计划未制定或未提交上级党组织'],
  ['PLAN_UNACKNOWLEDGED', 'yellow', '组织生活计划提交后上级未确认'],
  ['PLAN_COPIED', 'orange', '党支部年度计划与其他支部雷同（照抄计划）'],
  ['DEV_VIOLATION', 'red', '发展党员程序违规'],
  ['DEV_DEADLINE', 'yellow', '发展党员环节即将到期'],
  ['REVIEW_OVERDUE', 'orange', '公开承诺到期未点评'],
  ['RECTIFICATION_OVERDUE', 'red', '整改事项逾期未完成'],
  ['TRANSFER_WAITING', 'yellow', '党员组织关系转接申请待处理'],
  ['GRADUATE_OVERDUE', 'orange', '毕业生党员组织关系暂留超过2年'],
  ['FLOATING_NO_CONTACT', 'orange', '流动党员超过规定期限未联系'],
  ['LOST_CONTACT', 'red', '失去联系的党员'],
  ['INSPECTION_OVERDUE', 'yellow', '督查计划已到期的督查对象未登记督查记录'],
  ['INSPECTION_FINDING_OPEN', 'orange', '督查发现的严重问题逾期未转为整改事项'],
  ['TASK_OVERDUE', 'orange', '上级下达的任务逾期未报送'],
  ['TASK_OVER_CAP', 'yellow', '每月下达任务、报表超过减负上限（为基层减负）'],
  ['RESP_ITEM_OVERDUE', 'orange', '党建责任清单事项逾期未完成'],
  ['RESP_LETTER_UNSIGNED', 'yellow', '党建工作责任书逾期未签收'],
  ['ASSESS_LOW', 'orange', '年度党建考核得分低于规定分数线'],
  ['DUES_REMIT_GAP', 'yellow', '党费收缴额与上缴额不一致（逾期未足额上缴）'],
  ['DUES_ARREARS', 'orange', '党员连续3个月以上未交纳党费'],
];

export const ALERT_RULES: readonly RuleEntry[] = SEVERITIES.map(([code, severity, what]) =>
  rule(`alerts.severity.${code}`, severity, 'severity', `预警等级：${what}`, PRACTICE, 'L'),
);
