// Rulebook entries of 党费 (issue 19); see national.ts for the format.
import type { RuleEntry } from './rulebook.types.ts';

const DUES_2008 = '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）';
const FROM = '2008-04-01';

/** One band of a rate table: the whole base (not marginal) pays rateBp (1/10000) when base ≤ upToFen. */
export interface DuesRateBand {
  upToFen: number | null;
  rateBp: number;
}

export interface DuesFixedAmounts {
  farmer: number;
  student: number;
  unemployed: number;
  relief: number;
}

export const DUES_RULES: readonly RuleEntry[] = [
  {
    id: 'dues.rates.inService',
    value: [
      { upToFen: 300000, rateBp: 50 },
      { upToFen: 500000, rateBp: 100 },
      { upToFen: 1000000, rateBp: 150 },
      { upToFen: null, rateBp: 200 },
    ] satisfies DuesRateBand[],
    unit: 'fen / basis points',
    title:
      '在职党员按月工资收入（税后）全额计缴：3000元以下（含）0.5%，3000–5000元（含）1%，5000–10000元（含）1.5%，10000元以上2%',
    source: DUES_2008 + '第一条',
    certainty: 'C1',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.rates.retired',
    value: [
      { upToFen: 500000, rateBp: 50 },
      { upToFen: null, rateBp: 100 },
    ] satisfies DuesRateBand[],
    unit: 'fen / basis points',
    title: '离退休党员以月离退休费为基数：5000元以下（含）0.5%，5000元以上1%',
    source: DUES_2008 + '第三条',
    certainty: 'C1',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.fixed',
    value: { farmer: 20, student: 20, unemployed: 20, relief: 20 } satisfies DuesFixedAmounts,
    unit: 'fen per month',
    title:
      '农民党员每月0.2元至1元（由省级党委组织部确定，省份可覆盖）；学生、下岗失业、领取最低生活保障的党员每月0.2元',
    source: DUES_2008 + '第四条、第五条',
    certainty: 'C1',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.fixed.farmerRangeFen',
    value: { min: 20, max: 100 },
    unit: 'fen per month',
    title: '农民党员月缴党费的省级规定范围：0.2元至1元',
    source: DUES_2008 + '第四条',
    certainty: 'C1',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.noIncome',
    value: 'previousQuarterAverage',
    unit: 'rule',
    title: '无固定收入的党员以本人上季度月平均收入为基数（本人申报），按在职党员比例计缴',
    source: DUES_2008 + '第二条',
    certainty: 'C2',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.baseTiming',
    value: 'fromChangeMonth',
    unit: "'fromChangeMonth' | 'januaryFixed'",
    title: '计缴基数的调整时间：自收入变动当月起（fromChangeMonth），或每年1月核定全年不变（januaryFixed）',
    source: '地方实践（各地党费收缴工作细则）',
    certainty: 'L',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.backPayMaxMonths',
    value: 6,
    unit: 'months',
    title: '补交党费一般不超过6个月，超过须经上级党组织同意',
    source: '地方实践（党费收缴工作细则）',
    certainty: 'L',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.selfLapseMonths',
    value: 6,
    unit: 'months',
    title: '党员连续6个月不交纳党费又无正当理由的，视为自行脱党，由支部大会讨论除名',
    source: '《中国共产党章程》第九条',
    certainty: 'C1',
    effectiveFrom: '1982-09-06',
  },
  {
    id: 'dues.arrearsAlertMonths',
    value: 3,
    unit: 'months',
    title: '党员连续3个月未交纳党费时向所在支部预警',
    source: '平台配置（地方实践）',
    certainty: 'L',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.largeExtraFen',
    value: 100000,
    unit: 'fen',
    title: '党员自愿一次性多交1000元以上的党费，全部上缴中央（仅提示）',
    source: DUES_2008 + '第八条',
    certainty: 'C2',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.reduction.approvals',
    value: ['branch', 'upper'],
    unit: 'levels',
    title: '党员因生活困难申请少交或免交党费，须经党支部同意并报上级党委批准',
    source: DUES_2008 + '第六条',
    certainty: 'C2',
    effectiveFrom: FROM,
  },
  // 减免 and 上缴 (part C): local practice, so L.
  {
    id: 'dues.reduction.maxMonths',
    value: 12,
    unit: 'months',
    title: '一次减免党费申请最长12个月，期满后重新申请',
    source: '平台配置（地方实践）',
    certainty: 'L',
    effectiveFrom: FROM,
  },
  {
    id: 'dues.remit.graceDays',
    value: 15,
    unit: 'days',
    title: '每月收缴的党费应在次月15日前足额上缴上级党组织，逾期未缴清的差额预警',
    source: '平台配置（地方实践：党费按月收缴、及时上缴）',
    certainty: 'L',
    effectiveFrom: FROM,
  },
];
