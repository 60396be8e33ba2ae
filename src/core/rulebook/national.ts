// The national defaults, from ../shared/docs/rules.md. Each entry names its source;
// a province overrides entries with applyOverride(). Boundary words: 以上/以下/以内 include
// the number, 不满/超过 exclude it — the rules that read these values say which they use.
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';
import { ORG_SYSTEM_RULES } from './org-system.rules-data.ts';
import { ROSTER_RULES } from './roster.rules-data.ts';
import { ORG_LIFE_RULES } from './org-life.rules-data.ts';
import { DEVELOPMENT_RULES } from './development.rules-data.ts';
import { EVALUATION_RULES } from './evaluation.rules-data.ts';
import { COMMITMENTS_RULES } from './commitments.rules-data.ts';
import { ALERT_RULES } from './alerts.rules-data.ts';
import { RESPONSIBILITY_RULES } from './responsibility.rules-data.ts';
import { TASKS_RULES } from './tasks.rules-data.ts';
import { INSPECTION_RULES } from './inspection.rules-data.ts';
import { ASSESSMENT_RULES } from './assessment.rules-data.ts';
import { PROBLEMS_RULES } from './problems.rules-data.ts';
import { DUES_RULES } from './dues.rules-data.ts';

const ZHIBU_2018 = '中国共产党支部工作条例（试行）2018';
const XUANJU_2020 = '中国共产党基层组织选举工作条例 2020';
const RENQI_2018 = '关于基层党组织任期的意见 2018';
const FAZHAN_2014 = '中国共产党发展党员工作细则 2014';
const DANGFEI_2008 = '关于中国共产党党费收缴、使用和管理的规定（中组发〔2008〕3号）';
const DENGBAO = '网络安全等级保护 2.0 三级测评实践（security.md）';
const SINCE = '2018-10-28';

const rule = ruleMaker(SINCE);

const FOUNDATION_RULES: readonly RuleEntry[] = [
  // §1 Setting up organisations
  rule('org.branch.minFullMembers', 3, 'members', '单位正式党员3人以上应成立党支部', ZHIBU_2018, 'C2'),
  rule('org.jointBranch.maxUnits', 5, 'units', '联合党支部覆盖单位一般不超过5个', ZHIBU_2018, 'C2'),
  rule('org.branch.maxMembers', 50, 'members', '党支部党员一般不超过50人', ZHIBU_2018, 'L'),
  rule('org.branch.committeeFromFullMembers', 7, 'members', '正式党员7人以上设支部委员会', ZHIBU_2018, 'C2'),
  rule('org.branch.committeeSize', { min: 3, max: 5, hardMax: 7 }, 'members', '支部委员会一般3至5人，最多不超过7人', ZHIBU_2018, 'C2'),
  rule('org.generalBranch.memberRange', { min: 50, max: 100 }, 'members', '党员50人以上、100人以下设党总支', ZHIBU_2018, 'C2'),
  rule('org.committee.minMembers', 100, 'members', '党员100人以上设基层党委', ZHIBU_2018, 'C2'),
  rule('org.temporaryBranch.minMonths', 6, 'months', '工作任务6个月以上应成立党组织', ZHIBU_2018, 'C2'),
  rule('org.term.years', { 党委: 5, 党工委: 5, 党总支: 3, 党支部: 3, 联合党支部: 3, 临时党支部: 3, ruralOrCommunity: 5 }, 'years', '基层党委每届5年，总支和支部每届3年，村和社区党组织每届5年', RENQI_2018, 'C2'),
  rule('org.term.maxAdjustYears', 1, 'years', '换届延期或提前一般不超过1年', RENQI_2018, 'C2'),
  rule('org.term.reminderMonths', 6, 'months', '任期届满前约6个月提醒换届', RENQI_2018, 'C2'),
  rule('org.secretary.vacancyWarningMonths', 3, 'months', '书记空缺超过3个月为软弱涣散信号', '地方实践', 'L'),
  rule('org.election.quorumRatio', 0.8, 'ratio', '选举时到会有选举权的党员超过应到会人数的五分之四', XUANJU_2020, 'C2'),
  rule('org.election.minContestRatio', 0.2, 'ratio', '候选人多于应选人数20%以上（差额）', XUANJU_2020, 'M'),
  // §2 Organisational life (frequencies per period)
  rule('life.branchGeneralMeeting', { perQuarter: 1 }, 'meetings', '支部党员大会每季度至少1次', ZHIBU_2018, 'C2'),
  rule('life.branchCommitteeMeeting', { perMonth: 1 }, 'meetings', '支部委员会会议每月至少1次', ZHIBU_2018, 'C2'),
  rule('life.groupMeeting', { perMonth: 1 }, 'meetings', '党小组会每月至少1次', ZHIBU_2018, 'C2'),
  rule('life.partyLecture', { perQuarter: 1 }, 'meetings', '党课每季度至少1次', '地方实践', 'L'),
  rule('life.themeDay', { perMonth: 1 }, 'meetings', '主题党日每月1次', ZHIBU_2018, 'C1'),
  rule('life.lifeMeeting', { perYear: 1 }, 'meetings', '组织生活会每年至少1次', ZHIBU_2018, 'C1'),
  rule('life.heartTalk', { perYear: 1 }, 'talks', '谈心谈话每人每年至少1次', ZHIBU_2018, 'C2'),
  rule('life.vote.quorumRatio', 0.5, 'ratio', '党员大会表决：到会有表决权党员超过半数', ZHIBU_2018, 'C2'),
  // §3 Member development
  rule('development.minAge', 18, 'years', '年满18岁方可申请入党', FAZHAN_2014, 'C2', '2014-05-28'),
  rule('development.talkWithinMonths', 1, 'months', '收到入党申请书后1个月内派人谈话', FAZHAN_2014, 'C2', '2014-05-28'),
  rule('development.activistMinYears', 1, 'years', '入党积极分子培养1年以上方可列为发展对象', FAZHAN_2014, 'C2', '2014-05-28'),
  rule('development.probationYears', 1, 'years', '预备期为1年', FAZHAN_2014, 'C2', '2014-05-28'),
  rule('development.publicityWorkingDays', 5, 'working days', '公示不少于5个工作日', '地方实践', 'L', '2014-05-28'),
  // §4 Dues
  rule('dues.inServiceRates', [[300000, 0.005], [500000, 0.01], [1000000, 0.015], [null, 0.02]], 'fen→rate', '在职党员按月工资收入比例交纳党费', DANGFEI_2008, 'C2', '2008-04-01'),
  // §5 Evaluation
  rule('evaluation.excellentMaxRatio', 1 / 3, 'ratio', '民主评议优秀党员一般不超过三分之一', '民主评议党员相关规定', 'C2'),
  // Security practice (configuration with these defaults)
  rule('security.lockout.failures', 5, 'attempts', '连续登录失败5次锁定', DENGBAO, 'L', '2019-12-01'),
  rule('security.lockout.minutes', 30, 'minutes', '锁定30分钟', DENGBAO, 'L', '2019-12-01'),
  rule('security.session.idleMinutes', 30, 'minutes', '会话空闲30分钟超时', DENGBAO, 'L', '2019-12-01'),
  rule('security.session.absoluteHours', 12, 'hours', '会话最长12小时', DENGBAO, 'L', '2019-12-01'),
  rule('security.password.minLength', 8, 'characters', '口令至少8位', DENGBAO, 'L', '2019-12-01'),
  rule('security.password.minClasses', 3, 'classes', '口令至少包含大写、小写、数字、符号中的3类', DENGBAO, 'L', '2019-12-01'),
  rule('security.password.expiryDays', 90, 'days', '口令90天更换', DENGBAO, 'L', '2019-12-01'),
  rule('security.password.history', 5, 'passwords', '不得重复最近5次口令', DENGBAO, 'L', '2019-12-01'),
];

/** Every national entry: the foundation's and each module's own list. */
export const NATIONAL_RULES: readonly RuleEntry[] = [
  ...FOUNDATION_RULES,
  ...ORG_SYSTEM_RULES,
  ...ROSTER_RULES,
  ...ORG_LIFE_RULES,
  ...DEVELOPMENT_RULES,
  ...EVALUATION_RULES,
  ...COMMITMENTS_RULES,
  ...ALERT_RULES,
  ...RESPONSIBILITY_RULES,
  ...TASKS_RULES,
  ...INSPECTION_RULES,
  ...ASSESSMENT_RULES,
  ...PROBLEMS_RULES,
  ...DUES_RULES,
];
