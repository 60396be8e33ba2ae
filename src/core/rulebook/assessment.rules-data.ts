// Rulebook entries of 考核 (issue 18); see national.ts for the format.
// The indicator library per level: weights are the defaults a county may replace for a year
// (PUT /api/assessment/weights). 党费按时交纳 and 学习学时 wait for their modules: weight 0.
import type { AssessIndicatorDef } from '../assessment/assessment.types.ts';
import type { RuleEntry } from './rulebook.types.ts';

const LOCAL =
  '《中国共产党党委（党组）落实全面从严治党主体责任规定》《党支部工作条例（试行）》；考核细则各地自定（地方实践）';
const SINCE = '2026-01-01';

const rate = { type: 'rate' } as const;
const pending = { type: 'pending' } as const;
const manual = { type: 'manual' } as const;

/** The library without weights; each level sets its own weights below. */
const LIBRARY: ReadonlyArray<Omit<AssessIndicatorDef, 'weight'>> = [
  {
    key: 'lifeCompliance',
    label: '组织生活达标率',
    kind: 'computed',
    source: '组织生活：全年四个季度各类会议达标情况合计',
    rule: rate,
  },
  {
    key: 'devViolations',
    label: '发展党员违规',
    kind: 'computed',
    source: '发展党员自查自纠：年度内发现的程序违规预警（每项扣分）',
    rule: { type: 'deduction', perUnit: 2 },
  },
  {
    key: 'termOnTime',
    label: '按期换届',
    kind: 'computed',
    source: '组织体系：应换届组织中未逾期换届的比例',
    rule: rate,
  },
  {
    key: 'secretaryRate',
    label: '书记配备',
    kind: 'computed',
    source: '组织体系：党委、党总支、党支部配备书记的比例',
    rule: rate,
  },
  {
    key: 'rectificationOnTime',
    label: '整改按期完成',
    kind: 'computed',
    source: '整改：已到期限或已销号事项中按期销号的比例',
    rule: rate,
  },
  {
    key: 'commitmentReviewOnTime',
    label: '承诺按期点评',
    kind: 'computed',
    source: '公开承诺：进行中承诺未逾期点评的比例',
    rule: rate,
  },
  {
    key: 'taskReportOnTime',
    label: '任务按时报送',
    kind: 'computed',
    source: '工作任务：应报送任务中按时报送的比例',
    rule: rate,
  },
  {
    key: 'inspectionFindings',
    label: '督查发现问题',
    kind: 'computed',
    source: '督查：年度内督查记录发现的问题（每项扣分）',
    rule: { type: 'deduction', perUnit: 1 },
  },
  {
    key: 'duesOnTime',
    label: '党费按时交纳',
    kind: 'computed',
    source: '党费模块尚未上线（暂不计分）',
    rule: pending,
  },
  {
    key: 'studyHours',
    label: '学习学时',
    kind: 'computed',
    source: '学习教育模块尚未上线（暂不计分）',
    rule: pending,
  },
  { key: 'featureWork', label: '特色工作', kind: 'manual', source: '考核单位评分，须附佐证', rule: manual },
  {
    key: 'satisfaction',
    label: '群众满意度',
    kind: 'manual',
    source: '考核单位根据满意度测评评分，须附佐证',
    rule: manual,
  },
];

function library(weights: Record<string, number>): AssessIndicatorDef[] {
  return LIBRARY.map((d) => ({ ...d, weight: weights[d.key] ?? 0 }));
}

export const ASSESSMENT_RULES: readonly RuleEntry[] = [
  {
    id: 'assessment.indicators.township',
    value: library({
      lifeCompliance: 20,
      devViolations: 10,
      termOnTime: 10,
      secretaryRate: 10,
      rectificationOnTime: 15,
      commitmentReviewOnTime: 10,
      taskReportOnTime: 10,
      inspectionFindings: 5,
      featureWork: 5,
      satisfaction: 5,
    }),
    unit: 'indicators',
    title: '乡镇(街道)党(工)委党建工作考核指标及默认权重（合计100分）',
    source: LOCAL,
    certainty: 'L',
    effectiveFrom: SINCE,
  },
  {
    id: 'assessment.indicators.branch',
    value: library({
      lifeCompliance: 25,
      devViolations: 10,
      termOnTime: 10,
      secretaryRate: 10,
      rectificationOnTime: 15,
      commitmentReviewOnTime: 10,
      taskReportOnTime: 5,
      inspectionFindings: 5,
      featureWork: 5,
      satisfaction: 5,
    }),
    unit: 'indicators',
    title: '党支部党建工作考核指标及默认权重（合计100分）',
    source: LOCAL,
    certainty: 'L',
    effectiveFrom: SINCE,
  },
  {
    id: 'assessment.lowScore',
    value: 60,
    unit: 'points',
    title: '年度党建考核得分低于60分的组织列入预警（考核结果运用）',
    source: LOCAL,
    certainty: 'L',
    effectiveFrom: SINCE,
  },
  {
    id: 'assessment.weakOnLowestGrade',
    value: {
      criteria: ['TEAM_INCOMPLETE'],
      measures: '定为三类的党支部列入软弱涣散整顿：由乡镇党委班子成员包联，制定“一支部一方案”，限期整改提升',
    },
    unit: 'policy',
    title: '党支部定为最低等次（三类）时自动列入软弱涣散整顿（认定标准代码、整顿措施）',
    source: '《关于持续整顿软弱涣散基层党组织的通知》等；各地把三类党支部作为整顿对象（地方实践）',
    certainty: 'L',
    effectiveFrom: SINCE,
  },
];
