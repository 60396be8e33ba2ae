// Vocabularies of the member roster (人员类别, 学历, 民族, 人员身份 …) and their accepted spellings.

export const FULL_MEMBER = '正式党员';
export const PROBATIONARY_MEMBER = '预备党员';
export const MEMBER_CATEGORIES = [FULL_MEMBER, PROBATIONARY_MEMBER] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export type Education = (typeof EDUCATIONS)[number];

/** Common spellings found in branch spreadsheets → the standard 学历. */
export const EDUCATION_SYNONYMS: Readonly<Record<string, Education>> = {
  研究生: '研究生', 博士研究生: '研究生', 硕士研究生: '研究生', 博士: '研究生', 硕士: '研究生',
  大学本科: '大学本科', 本科: '大学本科',
  大学专科: '大学专科', 专科: '大学专科', 大专: '大学专科',
  中专: '中专', 中等专科: '中专', 中技: '中专', 技校: '中专', 职高: '中专',
  高中: '高中',
  初中及以下: '初中及以下', 初中: '初中及以下', 小学: '初中及以下', 文盲: '初中及以下',
};

export const DEGREES = ['博士', '硕士', '学士', '无'] as const;

export const IDENTITIES = ['在岗职工', '农牧渔民', '离退休人员', '学生', '现役军人', '个体工商户', '自由职业人员', '其他'] as const;
export type Identity = (typeof IDENTITIES)[number];
export const IDENTITY_SYNONYMS: Readonly<Record<string, Identity>> = {
  在岗职工: '在岗职工', 职工: '在岗职工', 农牧渔民: '农牧渔民', 农民: '农牧渔民', 渔民: '农牧渔民', 牧民: '农牧渔民',
  离退休人员: '离退休人员', 离退休: '离退休人员', 退休: '离退休人员', 离休: '离退休人员', 学生: '学生', 现役军人: '现役军人',
  个体工商户: '个体工商户', 自由职业人员: '自由职业人员', 自由职业: '自由职业人员', 其他: '其他',
};

export const PARTY_STATUSES = ['正常', '停止党籍', '出党'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

/** The 56 民族 of GB/T 3304. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

/** Import template: these columns first, in this order (the contract), then the optional ones. */
export const TEMPLATE_COLUMNS = ['姓名', '性别', '民族', '公民身份号码', '出生日期', '学历', '人员类别', '入党日期', '转正日期', '联系电话', '党组织编码'] as const;
export const OPTIONAL_COLUMNS = ['籍贯', '学位', '工作单位', '岗位', '人员身份', '家庭住址'] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
export type ImportColumn = TemplateColumn | OptionalColumn;
export const ALL_IMPORT_COLUMNS: readonly ImportColumn[] = [...TEMPLATE_COLUMNS, ...OPTIONAL_COLUMNS];
/** Columns whose header must be present for a file to be read at all. */
export const REQUIRED_HEADERS: readonly TemplateColumn[] = ['姓名', '性别', '公民身份号码', '人员类别', '入党日期', '党组织编码'];

/** Transfer states (组织关系转接). */
export const TRANSFER_STATUSES = ['pending_approval', 'pending_acceptance', 'accepted', 'returned', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Readonly<Record<TransferStatus, string>> = {
  pending_approval: '待党委审批',
  pending_acceptance: '待接收',
  accepted: '已接收',
  returned: '已退回',
  cancelled: '已撤回',
};
