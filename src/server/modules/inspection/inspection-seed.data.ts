// Texts of the 督查 demo data: what inspectors typically write down, per checklist item.

/** Problems found per checklist item (the finding and the 不符合 note). */
export const PROBLEMS: Readonly<Record<string, readonly string[]>> = {
  life_records: [
    '支委会会议记录只列议题，未记录讨论和表决情况',
    '组织生活会记录未体现批评与自我批评的具体内容',
  ],
  three_one: ['第三季度党小组会未按期召开，事后补记', '全年党课只讲授一次，缺少讲课提纲和签到'],
  dues_ledger: ['党费收缴台账连续三个月未登记，存在集中补记', '部分党员交纳基数未按工资调整同步核定'],
  development_files: ['一名发展对象档案缺少政治审查材料', '入党积极分子培养考察记录间隔超过半年'],
  position_building: ['党员活动室长期堆放杂物，未正常使用', '党群服务中心实际开放时间与公示时间不符'],
  affairs_public: ['党务公开栏内容停留在上半年，未按季度更新', '党费收缴使用情况未按规定向党员公开'],
  responsibility_list: [
    '书记抓党建责任清单照搬上级文件，未细化到本支部',
    '责任清单落实情况未向上级党委书面报告',
  ],
};

/** Notes of an item judged 基本符合. */
export const MINOR_NOTES = [
  '个别会议记录字迹潦草，签到不全',
  '资料齐全，但归档顺序不够规范',
  '已落实，台账有少量涂改',
  '整体规范，个别材料未及时装订',
];

export const GOOD_CONCLUSIONS = [
  '组织生活规范有序，台账资料齐全，党员教育管理扎实，可作为示范点。',
  '各项制度落实到位，阵地建设和党务公开工作突出，群众评价好。',
];
export const FAIR_CONCLUSIONS = [
  '基本工作制度能够落实，个别环节不够规范，已当场指出并要求完善。',
  '党建工作总体平稳，资料管理有待加强，请对照清单逐项完善。',
];
export const POOR_CONCLUSIONS = [
  '组织生活和台账管理存在明显短板，责任落实不到位，须限期整改并书面报告。',
  '基础工作薄弱，多项制度流于形式，支部书记须牵头制定整改方案。',
];

export const COUNTY_INSPECTORS = ['刘振华', '陈晓燕', '黄志强', '孙海波'];
export const TOWN_INSPECTORS = ['组织委员', '党建办主任', '宣传委员', '纪委委员'];

export const CLOSURE_NOTES = [
  ['已补齐全部台账并经支委会审核', '整改后的台账照片及支委会会议记录'],
  ['已召开专题组织生活会，逐项对照整改', '组织生活会记录及党员签到表'],
  ['已完成阵地清理并恢复正常开放', '整改前后对比照片、开放时间公示'],
] as const;

export const BULLETIN = {
  title: (year: number) => `关于${year}年基层党建工作专项督查情况的通报`,
  content: (county: string, visits: number) =>
    `根据年度工作安排，${county}组织部督查组对部分乡镇（街道）所属党支部开展了基层党建工作专项督查，共督查党支部${visits}个，` +
    '采取查阅资料、实地查看、个别访谈等方式，重点检查了组织生活、党费收缴、发展党员、阵地建设和责任清单落实情况。' +
    '现将有关情况通报如下：对工作扎实的党支部予以表扬；对问题突出的党支部予以批评，请相关乡镇党委督促限期整改，整改结果及时报县委组织部。' +
    '各乡镇（街道）党委要举一反三，对照督查清单开展自查，切实抓好基层党建各项工作落实。',
  praise: (org: string) =>
    `${org}组织生活规范，“三会一课”记录完整，党费台账清楚，党务公开及时，予以通报表扬。`,
  criticise: (org: string, problem: string) => `${org}存在“${problem}”等问题，予以通报批评，限期整改。`,
};
