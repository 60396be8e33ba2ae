// Rulebook entries of the roster module (issue 4); see national.ts for the format.
// Sources: ../shared/docs/rules.md §6 (members, transfers) and §8 (statistics).
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const DANGZHANG = '中国共产党章程（2022）';
const GUANLI = '关于加强和改进流动党员管理工作的意见 / 党员组织关系转接规定';
const GONGBAO = '中国共产党党内统计公报（年龄分组口径）';
const SINCE = '2018-10-28';

const rule = ruleMaker(SINCE);

export const ROSTER_RULES: readonly RuleEntry[] = [
  rule('roster.transfer.awayMonths', 6, 'months', '外出工作、生活在固定地点6个月以上的，应转移组织关系', GUANLI, 'C1'),
  rule(
    'roster.discipline.probationYears',
    [1, 2],
    'years',
    '留党察看分为留党察看一年、留党察看二年（最长不超过二年）；期间没有表决权、选举权和被选举权，不能担任入党介绍人',
    '中国共产党章程 第四十条；中国共产党纪律处分条例（留党察看的期限）；发展党员工作细则 2014（入党介绍人）',
    'M',
    '2017-10-24',
  ),
  rule('roster.graduate.maxYears', 2, 'years', '毕业生组织关系可在学校保留不超过2年', GUANLI, 'C1'),
  rule('roster.graduate.warnDays', 90, 'days', '毕业生组织关系暂留：距保留期限90天内提示即将到期（地方实践）', '地方实践', 'L'),
  rule('roster.abroad.contactMonths', 6, 'months', '出国（境）学习研究的党员，党组织至少每6个月联系一次', GUANLI, 'C1'),
  rule('roster.probation.maxExtensionYears', 1, 'years', '预备期可以延长，但不能超过一年', DANGZHANG, 'C1', '2017-10-24'),
  rule('roster.structure.oldAge', 61, 'years', '老龄党员统计口径：61岁及以上', GONGBAO, 'C2'),
  rule('roster.structure.youngAge', 35, 'years', '青年党员统计口径：35岁及以下', GONGBAO, 'C2'),
  rule('roster.structure.ageingShare', 0.4, 'ratio', '支部61岁及以上党员占比达到40%时提示老龄化（地方实践）', '地方实践', 'L'),
  rule('roster.community.minHours', 0.5, 'hours', '在职党员到社区报到：一次志愿服务记录的最少时长（按半小时计）', '地方实践', 'L'),
  rule('roster.community.maxHours', 24, 'hours', '在职党员到社区报到：一次志愿服务记录的最多时长（一天）', '地方实践', 'L'),
  rule('roster.transfer.letterValidDays', 30, 'days', '组织关系介绍信有效期（一般不超过3个月，常用30天）', '地方实践', 'L'),
];
