// Rulebook entries of the org-life module (issue 5); see national.ts for the format.
// The meeting frequencies themselves are foundation entries (life.*) in national.ts.
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const ZHIBU_2018 = '中国共产党支部工作条例（试行）2018';
const SHENGHUOHUI = '县以上党和国家机关党员领导干部民主生活会若干规定';
const LOCAL = '地方实践（可按省、市配置）';
const SINCE = '2018-10-28';

const rule = ruleMaker(SINCE);

/** Reasons a member is not counted among 应到会 (five cases with approval) and the exemption for elderly or sick members. */
export const ORG_LIFE_EXCLUSIONS = {
  illness: '患有精神病或因其他疾病不能表达自己意志',
  abroad: '自费出国半年以上',
  sentence: '受刑事处分正在服刑',
  bedridden: '年老体弱卧床不起、不能参加会议',
  awayUntransferred: '外出半年以上应转未转组织关系',
  elderlySick: '年老体弱或身体有病、残疾，可不参加组织生活（送学上门）',
} as const;

/**
 * The five approved cases a 党员大会 vote may leave out of 应到会 (exclusions of 应到会 in
 * admission and 转正 votes). The 送学上门 exemption (elderlySick) excuses a member from attending
 * organisational life but leaves the member's vote in 应到会, so it is not one of them.
 */
export const VOTE_EXCLUSION_CASES = ['illness', 'abroad', 'sentence', 'bedridden', 'awayUntransferred'] as const;
export type VoteExclusionCase = (typeof VOTE_EXCLUSION_CASES)[number];

export const ORG_LIFE_RULES: readonly RuleEntry[] = [
  rule(
    'orgLife.democraticLifeMeeting',
    { perYear: 1 },
    'meetings',
    '党员领导干部民主生活会每年至少1次（领导班子）',
    SHENGHUOHUI,
    'C2',
  ),
  rule(
    'orgLife.committee.quorumRatio',
    0.5,
    'ratio',
    '支部委员会会议须超过半数委员到会方可召开',
    ZHIBU_2018,
    'C2',
  ),
  rule(
    'orgLife.generalMeeting.quorumRatio',
    0.5,
    'ratio',
    '支部党员大会须有半数以上有表决权的党员到会方可召开（超过半数）',
    ZHIBU_2018,
    'C2',
  ),
  rule(
    'orgLife.attendance.minRatio',
    { 支部党员大会: 2 / 3 },
    'ratio',
    '党员大会实到人数不低于应到会人数的三分之二（质量提示阈值）',
    LOCAL,
    'L',
  ),
  rule('orgLife.minutes.minChars', 100, 'characters', '会议记录正文不少于100字', LOCAL, 'L'),
  rule('orgLife.record.lateDays', 30, 'days', '会议结束后超过30天才录入记录视为补记', LOCAL, 'L'),
  rule(
    'orgLife.record.lockDays',
    30,
    'days',
    '会议记录在会议日期30天后锁定，之后修改须说明理由并留痕',
    LOCAL,
    'L',
  ),
  rule(
    'orgLife.similarity.threshold',
    0.8,
    'jaccard',
    '不同会议记录的字符3元组Jaccard相似度达到0.8以上视为雷同',
    LOCAL,
    'L',
  ),
  rule(
    'orgLife.attendance.exclusions',
    Object.keys(ORG_LIFE_EXCLUSIONS),
    'cases',
    '不计入应到会人数的情形（经批准）及年老体弱党员免于参加',
    ZHIBU_2018,
    'C2',
  ),
  rule(
    'orgLife.vote.exclusions',
    [...VOTE_EXCLUSION_CASES],
    'cases',
    '党员大会表决时经批准不计入应到会人数的五种情形（因事请假等其他情形仍计入应到会人数）',
    ZHIBU_2018,
    'C2',
  ),
  rule(
    'orgLife.plan.copyThreshold',
    0.8,
    'jaccard',
    '不同党支部同一年度计划（各项主题连成文本）的字符3元组Jaccard相似度达到0.8以上视为照抄',
    LOCAL,
    'L',
  ),
  rule('orgLife.plan.minChars', 40, 'characters', '年度计划主题合计不足40字的不参与照抄比对', LOCAL, 'L'),
  rule('orgLife.signIn.tokenMinutes', 15, 'minutes', '扫码签到二维码有效期15分钟', LOCAL, 'L'),
  rule(
    'orgLife.talks.pairs',
    { committeeEachOther: true, committeeWithMembers: 'all' },
    'pairs',
    '谈心谈话每年至少1次：支部委员之间两两谈，支部委员与每名党员谈（可配置为仅书记与党员谈）',
    ZHIBU_2018,
    'C2',
  ),
  rule('orgLife.attachment.maxBytes', 10 * 1024 * 1024, 'bytes', '会议附件单个文件不超过10MB', LOCAL, 'L'),
];
