// The working units a county's party organisations cover, by system. Names take the level
// prefix ('县', '区', '市') in front, e.g. '县财政局'. Sub-branches turn a unit into a 党总支
// (or, for the public security bureau, a 党委) with those branches under it.

export interface OrganUnit {
  unit: string;
  /** Branch names under a 党总支/党委 for this unit; absent = a single 机关党支部. */
  branches?: readonly string[];
  kind?: '党总支' | '党委';
  sector?: '机关' | '事业单位';
  /** Members for a single branch: [min, max]. */
  size?: readonly [number, number];
  /** Special roles in the plan. */
  tag?: 'leads-root' | 'leads-organs';
}

export const ORGAN_UNITS: readonly OrganUnit[] = [
  { unit: '委办公室', tag: 'leads-root', size: [22, 30] },
  { unit: '人大常委会机关' },
  { unit: '政府办公室', size: [14, 26] },
  { unit: '政协机关' },
  { unit: '纪委监委机关', size: [16, 28] },
  { unit: '委组织部', tag: 'leads-organs', size: [16, 24] },
  { unit: '委宣传部' },
  { unit: '委统战部' },
  { unit: '委政法委员会' },
  { unit: '委党校', sector: '事业单位' },
  { unit: '发展和改革局' },
  { unit: '经济和信息化局' },
  { unit: '民政局' },
  { unit: '司法局', size: [12, 26] },
  { unit: '财政局', kind: '党总支', branches: ['机关第一党支部', '机关第二党支部'] },
  { unit: '人力资源和社会保障局' },
  { unit: '自然资源和规划局', kind: '党总支', branches: ['机关党支部', '不动产登记中心党支部', '基层自然资源所联合党支部'] },
  { unit: '住房和城乡建设局' },
  { unit: '交通运输局' },
  { unit: '水利局' },
  { unit: '农业农村局', kind: '党总支', branches: ['机关党支部', '农业技术推广中心党支部'] },
  { unit: '商务局' },
  { unit: '文化和广电旅游体育局' },
  { unit: '退役军人事务局' },
  { unit: '应急管理局' },
  { unit: '审计局' },
  { unit: '市场监督管理局', kind: '党总支', branches: ['机关党支部', '城区市场监管所党支部', '乡镇市场监管所联合党支部'] },
  { unit: '统计局', size: [6, 12] },
  { unit: '医疗保障局', size: [6, 14] },
  { unit: '信访局', size: [6, 12] },
  { unit: '林业局' },
  { unit: '行政审批服务中心', sector: '事业单位' },
  { unit: '融媒体中心', sector: '事业单位' },
  { unit: '档案馆', sector: '事业单位', size: [5, 10] },
  { unit: '机关事务服务中心', sector: '事业单位' },
  { unit: '总工会机关', size: [6, 12] },
  { unit: '妇联机关', size: [5, 10] },
  { unit: '科协机关', size: [5, 10] },
  { unit: '人民法院', kind: '党总支', branches: ['机关党支部', '审判第一党支部', '审判第二党支部'] },
  { unit: '人民检察院', size: [16, 30] },
  { unit: '公安局', kind: '党委', branches: ['机关第一党支部', '机关第二党支部', '城关派出所党支部', '交通警察大队党支部', '刑事侦查大队党支部'] },
];

export const NONPUBLIC_INDUSTRIES = [
  '机械制造', '纺织', '竹木制品', '食品', '新材料', '电子科技', '建材', '物流', '茶业', '汽车配件', '五金工具',
  '光伏科技', '医药', '服饰', '包装', '家具', '农业开发', '环保科技', '电器', '印务', '生物科技', '智能装备',
];

export const SHOP_KINDS = ['商行', '超市', '建材店', '农资店', '餐饮店', '药店', '五金店', '服装店'];

export interface SocialUnit {
  name: string;
  joint?: readonly string[];
}

export const SOCIAL_UNITS: readonly SocialUnit[] = [
  { name: '律师行业', joint: ['律师事务所'] },
  { name: '个体劳动者协会' },
  { name: '慈善总会' },
  { name: '民办教育行业', joint: ['培训学校', '幼儿园'] },
  { name: '物业服务行业', joint: ['物业服务有限公司'] },
  { name: '社会工作服务中心' },
  { name: '会计服务行业', joint: ['会计师事务所', '税务师事务所'] },
  { name: '老年人协会' },
];

export const FIRST_MIDDLE_SCHOOL_BRANCHES = ['高一年级党支部', '高二年级党支部', '高三年级党支部', '行政后勤党支部'];
export const COUNTY_SCHOOLS = ['第二中学', '职业中等专业学校', '实验小学', '城关第一小学', '城关中学'];
export const HOSPITAL_BRANCHES = ['内科党支部', '外科党支部', '医技党支部', '行政后勤党支部'];
export const HEALTH_UNITS = ['中医院', '妇幼保健院', '疾病预防控制中心'];

export const SOE_GROUPS: readonly { name: string; short: string; branches: readonly string[] }[] = [
  {
    name: '城市建设投资集团有限公司',
    short: '城投集团',
    branches: ['集团机关党支部', '水务有限公司党支部', '公共交通有限公司党支部', '建设开发有限公司党支部', '物业管理有限公司党支部'],
  },
  {
    name: '农村商业银行股份有限公司',
    short: '农商银行',
    branches: ['总行机关党支部', '营业部党支部', '城区支行联合党支部', '东片支行联合党支部', '西片支行联合党支部'],
  },
];
