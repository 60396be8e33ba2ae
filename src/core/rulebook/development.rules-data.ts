// Rulebook entries of the development module (issue 6); see national.ts for the format.
// The foundation list already holds development.minAge, talkWithinMonths, activistMinYears,
// probationYears and publicityWorkingDays.
import type { StepDef } from '../development/steps.ts';
import { ruleMaker } from './define-rule.ts';
import type { RuleEntry } from './rulebook.types.ts';

const FAZHAN_2014 = '中国共产党发展党员工作细则 2014';
const DANGZHANG = '中国共产党章程';
const XIZE_FROM = '2014-05-28';

const date = { key: 'doneOn', label: '日期', type: 'date', required: true } as const;
const note = { key: 'note', label: '备注', type: 'textarea' } as const;
const publicity = [
  { key: 'publicityStart', label: '公示开始日期', type: 'date', required: true },
  { key: 'publicityEnd', label: '公示结束日期', type: 'date', required: true },
] as const;
const vote = { key: 'vote', label: '表决（无记名投票）', type: 'vote', required: true } as const;

/** The 25 steps of the 2014 细则 (第五条至第三十九条), as data. */
export const STEPS_2014: readonly StepDef[] = [
  { no: 1, stage: 1, name: '递交入党申请书', predecessor: null, level: 'branch', role: '申请人/党支部', materials: ['入党申请书'], fields: [date], rules: ['AGE_UNDER_MIN'] },
  { no: 2, stage: 1, name: '党组织派人谈话', predecessor: 1, level: 'branch', role: '党支部', materials: ['谈话记录'], fields: [date, { key: 'talker', label: '谈话人', type: 'text', required: true }], rules: ['TALK_LATE'] },
  { no: 3, stage: 2, name: '推荐和确定入党积极分子', predecessor: 2, level: 'branch', role: '党支部（支委会）', materials: ['推荐材料', '支委会会议记录'], fields: [date, { key: 'method', label: '推荐方式', type: 'select', required: true, options: ['党员推荐', '群团组织推优'] }], rules: [] },
  { no: 4, stage: 2, name: '上级党委备案', predecessor: 3, level: 'committee', role: '基层党委', materials: ['入党积极分子备案表'], fields: [date], rules: [] },
  { no: 5, stage: 2, name: '指定培养联系人', predecessor: 3, level: 'branch', role: '党支部', materials: [], fields: [date, { key: 'contacts', label: '培养联系人（正式党员1至2名）', type: 'members', required: true }], rules: ['CONTACTS_INVALID'] },
  { no: 6, stage: 2, name: '培养教育考察', predecessor: 5, level: 'branch', role: '党支部/培养联系人', materials: ['培养教育考察登记表'], fields: [date, { key: 'summary', label: '考察意见', type: 'textarea', required: true }], rules: ['REVIEW_GAP'], repeatable: true },
  { no: 7, stage: 3, name: '确定发展对象', predecessor: 6, level: 'branch', role: '党支部（支委会）', materials: ['支委会会议记录', '听取意见记录'], fields: [date, ...publicity], rules: ['ACTIVIST_PERIOD_SHORT', 'PUBLICITY_SHORT'] },
  { no: 8, stage: 3, name: '上级党委备案', predecessor: 7, level: 'committee', role: '基层党委', materials: ['发展对象备案表'], fields: [date], rules: [] },
  { no: 9, stage: 3, name: '确定入党介绍人', predecessor: 7, level: 'branch', role: '党支部', materials: [], fields: [date, { key: 'introducers', label: '入党介绍人（正式党员2名）', type: 'members', required: true }], rules: ['INTRODUCER_INVALID'] },
  { no: 10, stage: 3, name: '进行政治审查', predecessor: 7, level: 'branch', role: '党支部/基层党委', materials: ['政治审查报告'], fields: [date, { key: 'conclusion', label: '政审结论', type: 'textarea', required: true }], rules: ['POLITICAL_REVIEW_NO_CONCLUSION'] },
  { no: 11, stage: 3, name: '开展集中培训', predecessor: 7, level: 'committee', role: '基层党委', materials: ['培训结业证书'], fields: [date, { key: 'trainingDays', label: '培训天数', type: 'number' }, { key: 'trainingHours', label: '培训学时', type: 'number' }], rules: ['TRAINING_SHORT'] },
  { no: 12, stage: 4, name: '支部委员会审查', predecessor: 11, alsoRequires: [9, 10], level: 'branch', role: '支部委员会', materials: ['支委会会议记录'], fields: [date], rules: [] },
  { no: 13, stage: 4, name: '上级党委预审', predecessor: 12, level: 'committee', role: '基层党委', materials: ['预审意见'], fields: [date, ...publicity], rules: ['PUBLICITY_SHORT'] },
  { no: 14, stage: 4, name: '填写入党志愿书', predecessor: 13, level: 'branch', role: '发展对象', materials: ['入党志愿书'], fields: [date], rules: [] },
  { no: 15, stage: 4, name: '支部大会讨论', predecessor: 14, level: 'branch', role: '党支部（党员大会）', materials: ['支部大会决议', '会议记录'], fields: [date, vote], rules: ['VOTE_NO_QUORUM', 'VOTE_NOT_PASSED'] },
  { no: 16, stage: 4, name: '上级党委派人谈话', predecessor: 15, level: 'committee', role: '党委委员或组织员', materials: ['谈话记录'], fields: [date, { key: 'talker', label: '谈话人', type: 'text', required: true }], rules: [] },
  { no: 17, stage: 4, name: '上级党委审批', predecessor: 16, level: 'committee', role: '基层党委', materials: ['审批意见'], fields: [date, { key: 'lateReason', label: '超过3个月审批的原因', type: 'textarea' }], rules: ['APPROVAL_LATE', 'QUOTA_EXCEEDED'] },
  { no: 18, stage: 4, name: '再上一级党组织备案', predecessor: 17, level: 'committee', role: '县级党委组织部', materials: ['备案材料'], fields: [date], rules: [] },
  { no: 19, stage: 5, name: '编入党支部和党小组', predecessor: 17, level: 'branch', role: '党支部', materials: [], fields: [date], rules: [] },
  { no: 20, stage: 5, name: '入党宣誓', predecessor: 17, level: 'committee', role: '基层党委/党支部', materials: [], fields: [date], rules: [] },
  { no: 21, stage: 5, name: '继续教育考察', predecessor: 19, level: 'branch', role: '党支部/入党介绍人', materials: ['预备党员考察表'], fields: [date, { key: 'summary', label: '考察意见', type: 'textarea', required: true }], rules: ['REVIEW_GAP'], repeatable: true },
  { no: 22, stage: 5, name: '提出转正申请', predecessor: 20, level: 'branch', role: '预备党员', materials: ['转正申请书'], fields: [date], rules: [] },
  { no: 23, stage: 5, name: '支部大会讨论转正', predecessor: 22, level: 'branch', role: '党支部（党员大会）', materials: ['支部大会决议', '会议记录'], fields: [date, ...publicity, vote, { key: 'outcome', label: '表决事项', type: 'select', required: true, options: ['按期转正', '延长预备期', '取消预备党员资格'] }, { key: 'extendMonths', label: '延长月数（6至12个月）', type: 'number' }], rules: ['PROBATION_NOT_ENDED', 'PUBLICITY_SHORT', 'VOTE_NO_QUORUM', 'VOTE_NOT_PASSED', 'EXTENSION_INVALID'], repeatable: true },
  { no: 24, stage: 5, name: '上级党委审批', predecessor: 23, level: 'committee', role: '基层党委', materials: ['审批意见'], fields: [date, { key: 'lateReason', label: '超过3个月审批的原因', type: 'textarea' }], rules: ['APPROVAL_LATE'], repeatable: true },
  { no: 25, stage: 5, name: '材料归档', predecessor: 24, level: 'branch', role: '党支部/基层党委', materials: ['入党志愿书', '入党申请书', '政审材料', '转正申请书', '培养教育考察材料'], fields: [date], rules: ['MATERIALS_MISSING'] },
].map((s) => ({ ...s, fields: [...s.fields, note] })) as readonly StepDef[];

const entry = ruleMaker(XIZE_FROM);

export const DEVELOPMENT_RULES: readonly RuleEntry[] = [
  entry('development.steps', STEPS_2014, 'steps', '发展党员25个步骤（5个阶段）', FAZHAN_2014, 'C2'),
  entry('development.contacts', { min: 1, max: 2 }, 'members', '党组织指定1至2名正式党员作为入党积极分子的培养联系人', FAZHAN_2014, 'C2'),
  entry('development.reviewIntervalMonths', 6, 'months', '党支部每半年对入党积极分子进行一次考察', FAZHAN_2014, 'C2'),
  entry('development.introducers', 2, 'members', '发展对象应有2名正式党员作入党介绍人', FAZHAN_2014, 'C2'),
  entry('development.training', { minDays: 3, minHours: 24 }, 'days/hours', '集中培训时间一般不少于3天（或不少于24个学时）', FAZHAN_2014, 'C2'),
  entry('development.approvalMonths', { normal: 3, max: 6 }, 'months', '上级党委在3个月内审批，特殊情况可延长，但审批时间最长不超过6个月', FAZHAN_2014, 'C2'),
  entry('development.extension', { minMonths: 6, maxMonths: 12, times: 1 }, 'months', '预备期可延长一次，时间不能少于半年，最长不超过1年', DANGZHANG, 'C2'),
  entry('development.vote.passRatio', 0.5, 'ratio', '赞成人数超过应到会有表决权的正式党员的半数，才能通过', FAZHAN_2014, 'C2'),
  entry('development.archiveMaterials', ['入党志愿书', '入党申请书', '政审材料', '转正申请书', '培养教育考察材料'], 'items', '预备党员转正后，入党材料存入本人档案', FAZHAN_2014, 'C2'),
  entry('development.upcomingDays', 30, 'days', '预备期满前30天提醒', '地方实践', 'L'),
  entry('development.approvalPendingWarnMonths', 2, 'months', '支部大会通过后审批超过2个月提醒', '地方实践', 'L'),
];
