// Rulebook entries of the org-system module (issue 3); see national.ts for the format.
// The §1 thresholds shared with the foundation (org.branch.*, org.term.*, org.election.quorumRatio …)
// live in national.ts; these are the module's own entries.
import type { RuleEntry } from './rulebook.types.ts';

const XUANJU_2020 = '中国共产党基层组织选举工作条例 2020';
const ZHIBU_2018 = '中国共产党支部工作条例（试行）2018';
const LOCAL = '地方实践（rules.md §7，可按省份覆盖）';
const SINCE = '2018-10-28';

export const ORG_SYSTEM_RULES: readonly RuleEntry[] = [
  {
    id: 'orgSystem.election.electedMajority', value: 0.5, unit: 'ratio',
    title: '候选人获得的赞成票超过实到会有选举权人数的一半，始得当选', source: XUANJU_2020, certainty: 'C2', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.election.contestFromSeats', value: 3, unit: 'seats',
    title: '委员会（应选3人以上）选举实行差额选举；只选书记时可等额', source: XUANJU_2020, certainty: 'M', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.generalBranch.minMembers', value: 50, unit: 'members',
    title: '党员50人以上的可成立党总支（经批准可少于50人）', source: ZHIBU_2018, certainty: 'C2', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.weak.noCandidateYears', value: 2, unit: 'years',
    title: '连续2年以上未发展党员（无发展对象）为软弱涣散信号', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.weak.rectifyMonths', value: 12, unit: 'months',
    title: '软弱涣散基层党组织整顿期限一般为1年（整改事项的时限）', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.weak.lifeOnPaper', value: { windowMonths: 12, minMeetings: 4, formalShare: 0.5 }, unit: 'rule',
    title: '近12个月组织生活少于4次，或半数以上会议记录缺失、过简、雷同或补记，为“组织生活不正常、流于形式”信号', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.weak.criteria',
    value: [
      { code: 'SECRETARY_VACANT', label: '书记长期空缺或不胜任', automatic: true },
      { code: 'TEAM_INCOMPLETE', label: '班子不健全、内耗严重', automatic: false },
      { code: 'LIFE_ON_PAPER', label: '组织生活不正常、流于形式', automatic: true },
      { code: 'NO_DEVELOPMENT', label: '长期不发展党员', automatic: true },
      { code: 'VOTE_BUYING', label: '换届选举中存在拉票贿选', automatic: false },
      { code: 'CLAN_INTERFERENCE', label: '宗族宗教或黑恶势力干扰', automatic: false },
      { code: 'AFFAIRS_UNDISCLOSED', label: '党务村务不公开', automatic: false },
      { code: 'PETITIONS', label: '信访矛盾集中', automatic: false },
      { code: 'MEMBERS_UNMANAGED', label: '党员管理失之于宽松软', automatic: false },
      { code: 'WEAK_ECONOMY', label: '集体经济薄弱、服务群众能力差', automatic: false },
      { code: 'COMPLAINTS', label: '群众反映强烈、满意度低', automatic: false },
    ],
    unit: 'criteria', title: '软弱涣散基层党组织认定标准（可按地方配置）', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.grading.defaultScheme', value: 'three-class', unit: 'scheme',
    title: '党支部定级默认采用一类、二类、三类', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
  {
    id: 'orgSystem.grading.schemes',
    value: {
      'three-class': { name: '一类/二类/三类', grades: ['一类', '二类', '三类'], quotas: {} },
      stars: { name: '星级', grades: ['五星', '四星', '三星', '二星', '一星'], quotas: { 五星: 0.2, 四星: 0.3 } },
      'four-level': { name: '好/较好/一般/差', grades: ['好', '较好', '一般', '差'], quotas: {} },
    },
    unit: 'scheme', title: '党支部分类定级方案及名额比例（各地做法不一，可配置）', source: LOCAL, certainty: 'L', effectiveFrom: SINCE,
  },
];
