// Rulebook entries of the evaluation module (issue 7); see national.ts for the format.
// Sources: ../shared/docs/rules.md §5. evaluation.excellentMaxRatio lives in national.ts (foundation).
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const CHUZHI_2024 = '不合格党员组织处置办法（2024）';
const DANGZHANG = '中国共产党章程（2022）';
const SHUZHI = '关于全面开展书记抓基层党建工作述职评议考核的意见 / 地方实施办法';
const XUANJU_2020 = '中国共产党基层组织选举工作条例 2020';
const LOCAL = '地方实践（可按省市办法调整）';
const MUBIAO = '党员目标管理：地方实施办法（如各地《党员目标管理考评办法》）';
const SINCE = '2018-10-28';

const rule = ruleMaker(SINCE);

export const EVALUATION_RULES: readonly RuleEntry[] = [
  rule(
    'evaluation.correction.defaultMonths',
    6,
    'months',
    '限期改正期限一般为6个月',
    CHUZHI_2024,
    'C2',
    '2024-01-01',
  ),
  rule(
    'evaluation.correction.minMonths',
    6,
    'months',
    '限期改正期限不少于6个月',
    CHUZHI_2024,
    'C2',
    '2024-01-01',
  ),
  rule(
    'evaluation.correction.maxMonths',
    12,
    'months',
    '限期改正期限最长不超过1年',
    CHUZHI_2024,
    'C2',
    '2024-01-01',
  ),
  rule(
    'evaluation.noReadmissionYears',
    5,
    'years',
    '劝其退党或除名的，5年内不得重新入党',
    CHUZHI_2024,
    'C2',
    '2024-01-01',
  ),
  rule(
    'evaluation.lostContactMonths',
    6,
    'months',
    '失去联系满6个月且经多方查找仍无法取得联系的，停止党籍',
    DANGZHANG,
    'C1',
  ),
  rule(
    'evaluation.inactiveMonths',
    6,
    'months',
    '连续6个月不参加组织生活、不交纳党费、不做党所分配的工作，按自行脱党处理',
    DANGZHANG,
    'C1',
  ),
  rule(
    'evaluation.secretary.weights',
    { vote: 50, indicators: 20, comment: 30 },
    'percent',
    '综合评价权重：民主测评50%、平台指标20%、点评30%（可配置）',
    LOCAL,
    'L',
  ),
  rule(
    'evaluation.secretary.gradePoints',
    { 好: 100, 较好: 85, 一般: 70, 差: 50 },
    'points',
    '测评和点评等次折算分值',
    LOCAL,
    'L',
  ),
  rule(
    'evaluation.secretary.gradeThresholds',
    { 好: 90, 较好: 80, 一般: 65 },
    'points',
    '综合评价等次分数线：好≥90、较好≥80、一般≥65、其余为差',
    LOCAL,
    'L',
  ),
  rule(
    'evaluation.rectification.defaultDays',
    90,
    'days',
    '述职评议发现问题的整改时限默认3个月',
    SHUZHI,
    'L',
  ),
  rule(
    'evaluation.voting.quorum',
    { numerator: 4, denominator: 5, strict: true },
    'ratio',
    '参加投票人数超过应参加人数的五分之四方为有效',
    XUANJU_2020,
    'C1',
    '2020-07-13',
  ),
  rule(
    'evaluation.targets.weights',
    { self: 20, peer: 30, org: 50 },
    'percent',
    '党员目标管理半年考评权重：个人自评20%、党员互评30%、组织评价50%（可配置）',
    MUBIAO,
    'L',
  ),
  rule(
    'evaluation.targets.gradeThresholds',
    { 优秀: 90, 合格: 70, 基本合格: 60 },
    'points',
    '党员目标管理考评等次分数线：优秀≥90、合格≥70、基本合格≥60、其余为不合格',
    MUBIAO,
    'L',
  ),
  rule(
    'evaluation.targets.assessmentWindows',
    { H1: '06-01', H2: '12-01' },
    'month-day',
    '半年考评自每半年最后一个月起进行（上半年6月1日、下半年12月1日）',
    MUBIAO,
    'L',
  ),
  rule('evaluation.targets.maxItems', 20, 'items', '目标责任书最多20项目标', MUBIAO, 'L'),
  rule(
    'evaluation.attachment.maxBytes',
    10 * 1024 * 1024,
    'bytes',
    '述职报告附件单个文件不超过10MB',
    LOCAL,
    'L',
  ),
  rule('evaluation.attachment.maxCount', 10, 'files', '述职报告附件最多10个', LOCAL, 'L'),
];
