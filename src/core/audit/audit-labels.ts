// Chinese labels for the audit log (审计日志): every action code the services write, the kinds of
// object, and the keys of the detail documents, so the audit administrator's page and the CLI
// show 登录成功 instead of auth.login and 原因：越权 instead of {"reason":"scope"}.
// A code that is not listed still gets a Chinese label built from its module and verb, never
// the raw code; audit-labels.test.ts checks that every action the source writes is listed.

/** Exact labels of the actions written by the services (src/server/**). */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  // 登录与账号
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lock': '账号锁定',
  'auth.unlock': '账号解锁',
  'auth.password_change': '修改口令',
  'auth.password_reset': '重置口令',
  authz_denied: '越权访问被拒绝',
  'user.create': '新建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.roles': '授予或调整角色',
  'user.password_reset': '重置口令',
  // 审计与数据
  'audit.anchor': '审计日志锚定',
  'audit.anchor.reset': '审计日志锚点重置（恢复备份）',
  'seed.demo': '生成演示数据',
  // 组织
  'org.create': '新建组织',
  'org.rename': '组织更名',
  'org.move': '调整隶属关系',
  'org.dissolve': '撤销组织',
  // 组织体系
  'orgsys.grade': '评定星级',
  'orgsys.post.decide': '任免职务',
  'orgsys.renewal.request': '换届请示',
  'orgsys.renewal.approve': '批复换届请示',
  'orgsys.renewal.election': '换届选举',
  'orgsys.renewal.report': '换届结果报告',
  'orgsys.structure.export': '导出组织设置情况',
  'orgsys.term.adjust': '调整任期',
  'orgsys.term.record': '登记任期',
  'orgsys.weak.designate': '确定软弱涣散党组织',
  'orgsys.weak.progress': '软弱涣散整顿进展',
  'orgsys.weak.close': '软弱涣散整顿销号',
  'orgsys.seed': '生成组织体系演示数据',
  // 党员管理
  'roster.member.update': '修改党员信息',
  'roster.member.reveal': '查看党员完整敏感信息',
  'roster.export': '导出党员名册（脱敏）',
  'roster.export.unmasked': '导出党员名册（含完整敏感信息）',
  'roster.import': '导入党员名册',
  'roster.import.dry_run': '党员名册导入预检',
  'roster.import.error_workbook': '下载导入错误清单',
  'roster.import.interrupted': '导入中断',
  'roster.structure.export': '导出党员队伍结构',
  'roster.transfer.create': '发起组织关系转接',
  'roster.transfer.accept': '接收组织关系转接',
  'roster.transfer.approve': '批准组织关系转接',
  'roster.transfer.reject': '不予批准组织关系转接',
  'roster.transfer.return': '退回组织关系转接',
  'roster.transfer.cancel': '撤销组织关系转接',
  'roster.transfer.letter': '开具组织关系介绍信',
  'roster.request.file': '党员提交转接申请',
  'roster.request.withdraw': '党员撤回转接申请',
  'roster.request.convert': '受理转接申请',
  'roster.request.decline': '不予受理转接申请',
  'roster.external.in': '登记系统外转入',
  'roster.external.out': '登记转出系统外',
  'roster.external.letter': '登记介绍信',
  'roster.external.slip': '登记回执',
  'roster.floating.create': '登记流动党员',
  'roster.floating.contact': '流动党员联系记录',
  'roster.floating.end': '结束流动',
  'roster.community.register': '到社区报到',
  'roster.community.service': '登记社区服务',
  'roster.community.service.update': '修改社区服务记录',
  'roster.community.service.delete': '删除社区服务记录',
  'roster.community.end': '结束社区报到',
  'roster.discipline.record': '登记留党察看',
  'roster.discipline.end': '留党察看提前结束',
  'roster.seed': '生成党员演示数据',
  // 组织生活
  'life.meeting.schedule': '安排会议',
  'life.meeting.cancel': '取消会议',
  'life.meeting.record': '录入会议记录',
  'life.meeting.record.locked_edit': '修改已锁定的会议记录',
  'life.attendance.mark': '登记出勤',
  'life.attendance.sign_in': '扫码签到',
  'life.attachment.upload': '上传会议附件',
  'life.plan.save': '保存工作计划',
  'life.plan.submit': '报送工作计划',
  'life.plan.acknowledge': '审阅工作计划',
  'life.series.issue': '下发学习安排',
  'life.talk.create': '登记谈心谈话',
  'life.notification.digest': '发送会议通知汇总',
  'life.compliance.rebuild': '重算组织生活达标情况',
  'life.seed': '生成组织生活演示数据',
  'life.plans.seed': '生成工作计划演示数据',
  'life.series.seed': '生成学习安排演示数据',
  // 发展党员
  'development.candidate.create': '登记入党申请人',
  'development.candidate.terminate': '终止发展',
  'development.step.record': '登记发展环节',
  'development.calendar.update': '调整发展工作日历',
  'development.quota.set': '下达发展计划',
  'development.import': '导入发展对象',
  'development.import.dry_run': '发展对象导入预检',
  'development.seed': '生成发展党员演示数据',
  // 评议考核
  'evaluation.campaign.create': '发起评议',
  'evaluation.campaign.order': '调整评议顺序',
  'evaluation.campaign.publish': '公布评议结果',
  'evaluation.comment': '评议意见',
  'evaluation.voting.open': '开启测评投票',
  'evaluation.report.submit': '提交述职报告',
  'evaluation.report.attachment.upload': '上传述职附件',
  'evaluation.report.attachment.remove': '删除述职附件',
  'evaluation.review.create': '发起民主评议党员',
  'evaluation.review.self': '党员个人自评',
  'evaluation.review.assess': '支部评定等次',
  'evaluation.review.stage': '推进评议环节',
  'evaluation.proposal.decide': '处置意见决定',
  'evaluation.disposition.create': '提出组织处置',
  'evaluation.disposition.approve': '批准组织处置',
  'evaluation.interview.record': '登记谈话',
  'evaluation.lost_contact.create': '登记失联党员',
  'evaluation.lost_contact.found': '失联党员恢复联系',
  'evaluation.targets.issue': '下达目标任务',
  'evaluation.targets.revise': '修改目标任务',
  'evaluation.targets.acknowledge': '签收目标任务',
  'evaluation.targets.self': '目标任务自评',
  'evaluation.targets.assess': '目标任务考核',
  'evaluation.seed': '生成评议演示数据',
  'rectification.create': '下达整改',
  'rectification.progress': '登记整改进展',
  'rectification.request_closure': '申请整改销号',
  'rectification.approve': '批准整改销号',
  'rectification.reject': '整改退回',
  // 创先争优
  'commitment.create': '新建承诺',
  'commitment.open_opinion': '公开征求意见',
  'commitment.public_opinion': '群众提意见',
  'commitment.handle_opinion': '处理群众意见',
  'commitment.publish': '公开承诺',
  'commitment.progress': '登记践诺进展',
  'commitment.photo.upload': '上传践诺照片',
  'commitment.review': '点评承诺',
  'commitment.grade': '评定承诺等次',
  'commitment.satisfaction.open': '开启满意度测评',
  'commitment.liaison.create': '登记联系群众',
  'commitment.liaison.end': '结束联系群众',
  'commitment.seed': '生成承诺演示数据',
  'commendation.round.open': '开启评选推荐',
  'commendation.round.publicity': '评选结果公示',
  'commendation.round.archive': '评选归档',
  'commendation.nominate': '推荐评选对象',
  'commendation.approve': '审核通过推荐',
  'commendation.reject': '退回推荐',
  'commendation.seed': '生成评选演示数据',
  // 投票
  'vote.token.issue': '发放投票凭证',
  'vote.cast': '投票',
  'vote.paper': '登记纸质选票',
  'vote.close': '结束投票',
  // 预警与通知
  'alerts.refresh': '刷新预警',
  'notification.read': '阅读通知',
  'notification.read_all': '全部通知标为已读',
  'notification.job': '生成通知',
  // 党建责任制与问责 (responsibility module: resp.*, accountability.*)
  'resp.item.create': '列入责任清单事项',
  'resp.item.progress': '记录履责进展',
  'resp.item.complete': '责任事项完成',
  'resp.letter.issue': '下达责任书',
  'resp.letter.acknowledge': '签收责任书',
  'accountability.propose': '提出问责',
  'accountability.approve': '批准问责',
  'accountability.reject': '不予批准问责',
  'resp.seed': '生成党建责任制演示数据',
  // 工作任务 (tasks module: task.*)
  'task.issue': '下达任务',
  'task.report': '报送任务',
  'task.return': '退回任务报送',
  'task.urge': '催报任务',
  'task.remind_job': '任务截止提醒',
  'task.seed': '生成工作任务演示数据',
  // 督查与通报 (inspection module: inspection.*, bulletin.*)
  'inspection.plan.create': '新建督查计划',
  'inspection.visit.record': '登记督查记录',
  'inspection.finding.rectify': '督查问题转为整改',
  'inspection.photo.upload': '上传督查现场照片',
  'inspection.seed': '生成督查演示数据',
  'bulletin.publish': '发布通报',
  'bulletin.read': '阅读通报',
  // 考核 (assessment module: assessment.*)
  'assessment.recompute': '重新计算考核得分',
  'assessment.weights.set': '设置考核指标权重',
  'assessment.manual.score': '录入考核人工评分',
  // 问题清单 (problems module: problem.*)
  // 党费 (dues module: dues.*)
  'dues.ledger.generate': '生成党费台账',
  'dues.base.declare': '申报党费缴纳基数',
  'dues.base.confirm': '确认党费缴纳基数',
  'dues.base.import': '导入党费缴纳基数',
  'dues.bases.seed': '生成党费基数和台账演示数据',
  'dues.reduction.create': '登记党费减免申请',
  'dues.reduction.approve_branch': '党支部同意党费减免',
  'dues.reduction.approve_upper': '上级党委批准党费减免',
  'dues.reduction.reject': '退回党费减免申请',
  'dues.remittance.create': '登记党费上缴',
  'dues.bank_figure.set': '登记党费银行入账金额',
  'dues.relief.seed': '生成党费减免和上缴演示数据',
  'dues.payment.record': '登记线下缴纳党费',
  'dues.payment.correct': '党费缴费冲正',
  'dues.payment.refund': '党费退款',
  'dues.payment.online': '在线缴纳党费入账',
  'dues.order.create': '创建党费缴费订单',
  'dues.gateway.reject': '拒绝支付通道通知',
  'dues.payments.seed': '生成党费缴纳演示数据',
};

/** The module (first segment of a code) when the exact action is not listed. */
const MODULE_LABELS: Readonly<Record<string, string>> = {
  auth: '登录认证',
  user: '账号管理',
  audit: '审计日志',
  seed: '演示数据',
  org: '组织',
  orgsys: '组织体系',
  roster: '党员管理',
  life: '组织生活',
  development: '发展党员',
  evaluation: '评议考核',
  rectification: '整改',
  commitment: '承诺践诺',
  commendation: '评选表彰',
  vote: '投票',
  alerts: '预警',
  notification: '通知',
  notifications: '通知',
  jobs: '定时任务',
  resp: '党建责任制',
  accountability: '问责',
  task: '工作任务',
  inspection: '督查',
  bulletin: '通报',
  assessment: '考核',
  problem: '问题清单',
  dues: '党费',
};

/** The verb (last segment) when the exact action is not listed. */
const VERB_LABELS: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  remove: '删除',
  record: '登记',
  submit: '提交',
  approve: '批准',
  accept: '接收',
  reject: '退回',
  return: '退回',
  decline: '不予受理',
  cancel: '取消',
  withdraw: '撤回',
  end: '结束',
  open: '开启',
  close: '结束',
  export: '导出',
  import: '导入',
  upload: '上传',
  issue: '下达',
  read: '阅读',
  seed: '生成演示数据',
  enable: '启用',
  disable: '停用',
  reset: '重置',
};

/** 登录 for auth.login; for an unlisted code, 组织生活·新建 (module and verb), never the code itself. */
export function auditActionLabel(action: string): string {
  const exact = AUDIT_ACTION_LABELS[action];
  if (exact) return exact;
  const parts = action.split('.');
  const module = MODULE_LABELS[parts[0] ?? ''];
  const verb = parts.length > 1 ? VERB_LABELS[parts[parts.length - 1]!] : undefined;
  if (module) return `${module}·${verb ?? '其他操作'}`;
  return verb ? `其他操作·${verb}` : '其他操作';
}

/** The filter's choices: every listed action, one per label, sorted by module then label. */
export function auditActionOptions(): Array<{ value: string; label: string; group: string }> {
  const seen = new Set<string>();
  const out: Array<{ value: string; label: string; group: string }> = [];
  for (const [value, label] of Object.entries(AUDIT_ACTION_LABELS)) {
    const group = MODULE_LABELS[value.split('.')[0]!] ?? (value === 'authz_denied' ? '登录认证' : '其他');
    const key = `${group}|${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value, label, group });
  }
  return out;
}

/** All action codes sharing a label in a group (e.g. 退回 written as reject or return). */
export function auditActionsWithLabel(value: string): string[] {
  const label = AUDIT_ACTION_LABELS[value];
  if (!label) return [value];
  const prefix = value.split('.')[0];
  return Object.entries(AUDIT_ACTION_LABELS)
    .filter(([code, l]) => l === label && code.split('.')[0] === prefix)
    .map(([code]) => code);
}

export const AUDIT_RESULT_LABELS: Readonly<Record<string, string>> = {
  ok: '成功',
  denied: '拒绝',
  failed: '失败',
};

/** Kinds of object an audit row names (object_type). */
export const AUDIT_OBJECT_LABELS: Readonly<Record<string, string>> = {
  user: '账号',
  org: '组织',
  person: '党员',
  database: '数据库',
  audit_log: '审计日志',
  seed: '演示数据',
  roster: '党员名册',
  roster_import: '名册导入',
  roster_transfer: '组织关系转接',
  roster_transfer_request: '转接申请',
  roster_external_transfer: '系统外转接',
  roster_floating: '流动党员',
  roster_community_registration: '社区报到',
  roster_discipline: '留党察看',
  life_meeting: '会议',
  life_series: '学习安排',
  life_plan: '工作计划',
  life_notification: '会议通知',
  life_attachment: '会议附件',
  dev_candidate: '发展对象',
  dev_import: '发展对象导入',
  dev_calendar: '发展工作日历',
  eval_campaign: '评议活动',
  eval_subject: '评议对象',
  eval_interview: '谈话',
  member_review: '民主评议党员',
  member_review_entry: '党员评议记录',
  member_proposal_decision: '处置意见',
  member_disposition: '组织处置',
  member_lost_contact: '失联党员',
  target_letter: '目标任务书',
  target_assessment: '目标考核',
  rectification: '整改',
  commitment: '承诺',
  commitment_opinion: '群众意见',
  commitment_photo: '践诺照片',
  commitment_liaison: '联系群众',
  commendation_round: '评选',
  commendation_nomination: '推荐对象',
  vote_box: '投票箱',
  notification: '通知',
  alert: '预警',
  os_term: '任期',
  os_renewal: '换届',
  os_post_approval: '职务任免',
  os_weak_case: '软弱涣散整顿',
  os_grading: '星级评定',
  inspection_plan: '督查计划',
  inspection_visit: '督查记录',
  inspection_finding: '督查发现问题',
  inspection_photo: '督查现场照片',
  bulletin: '通报',
};

export function auditObjectLabel(type: string | null): string {
  if (!type) return '';
  return AUDIT_OBJECT_LABELS[type] ?? '对象';
}

/** Keys of the detail documents. */
export const AUDIT_DETAIL_LABELS: Readonly<Record<string, string>> = {
  reason: '原因',
  method: '请求方法',
  url: '访问地址',
  status: '状态',
  before: '变更前',
  after: '变更后',
  personId: '党员编号',
  person: '党员',
  people: '人数',
  name: '名称',
  code: '编码',
  kind: '类别',
  type: '类型',
  category: '类别',
  year: '年度',
  month: '月份',
  from: '从',
  to: '至',
  since: '起始日期',
  until: '截止日期',
  validFrom: '生效日期',
  validTo: '失效日期',
  validUntil: '有效期至',
  endedOn: '结束日期',
  servedOn: '服务日期',
  registeredOn: '报到日期',
  receivedOn: '接收日期',
  fileName: '文件名',
  file_name: '文件名',
  file: '文件',
  fileError: '文件错误',
  size: '大小（字节）',
  size_bytes: '大小（字节）',
  bytes: '大小（字节）',
  length: '长度',
  total: '总数',
  count: '数量',
  n: '数量',
  items: '条目',
  created: '新建数',
  imported: '导入数',
  skipped: '跳过数',
  committed: '已写入',
  number: '编号',
  letterNumber: '介绍信编号',
  letter_number: '介绍信编号',
  letterIds: '介绍信编号',
  id: '编号',
  ids: '编号',
  serviceId: '服务记录编号',
  attachmentId: '附件编号',
  commitmentId: '承诺编号',
  progressId: '进展编号',
  roundId: '评选编号',
  boxId: '投票箱编号',
  subjectIds: '评议对象编号',
  toOrgId: '转入组织编号',
  communityOrgId: '报到社区党组织编号',
  countyId: '县级组织编号',
  otherOrgName: '对方组织',
  direction: '方向',
  destination: '去向',
  source: '来源',
  handling: '处理方式',
  evidence: '依据',
  grade: '等次',
  comment_grade: '点评等次',
  theme: '主题',
  stage: '环节',
  series: '学习安排',
  hours: '时长（小时）',
  days: '天数',
  attempt: '第几次尝试',
  attempts: '尝试次数',
  lockedUntil: '锁定至',
  locked_until: '锁定至',
  username: '用户名',
  account: '账号情况',
  users: '账号数',
  orgs: '组织数',
  members: '党员数',
  branches: '支部数',
  meetings: '会议数',
  plans: '计划数',
  reviews: '评议数',
  targets: '目标数',
  nominations: '推荐数',
  notifications: '通知数',
  ballots: '选票数',
  tokensIssued: '发放凭证数',
  expectedVoters: '应投票人数',
  nominee: '推荐对象',
  nominee_name: '推荐对象',
  quota: '计划数',
  value: '取值',
  owner: '进程',
  job: '任务',
  startedBy: '发起人',
  sid: '会话',
  found: '找到',
  linked: '已关联',
  copied: '疑似抄袭',
  chars: '字数',
  fields: '字段',
  committee: '委员会',
  countyCampaign: '县级评议活动',
  beforeView: '变更前',
  afterView: '变更后',
  decision: '决定',
  decidedOn: '决定日期',
  startedOn: '开始日期',
  endsOn: '结束日期',
  dryRun: '仅预检',
  unmasked: '含完整敏感信息',
  roles: '角色',
  scopeOrgId: '管理范围（组织编号）',
  displayName: '姓名',
  ip: '来源IP',
  userAgent: '浏览器',
  anchors: '锚点数',
  seq: '序号',
  hash: '哈希',
  title: '标题',
  startOn: '开始日期',
  endOn: '结束日期',
  years: '期限（年）',
  decisionNo: '处分决定文号',
  on: '日期',
  outcome: '结束方式',
  note: '说明',
  deadline: '期限',
  sourceType: '来源类别',
  sourceId: '来源编号',
  // counts written by the demo seed
  units: '单位数',
  personUnits: '党员所在单位数',
  terms: '任期数',
  approvals: '审批数',
  weakCases: '软弱涣散组织数',
  gradings: '星级评定数',
  lapsedCommittees: '逾期换届的组织',
  uncoveredUnits: '未建立党组织的单位',
  profiles: '党员档案数',
  floating: '流动党员数',
  hardship: '困难党员数',
  communityReported: '到社区报到人数',
  transfers: '组织关系转接数',
  floatingRegistrations: '流动党员登记数',
  retainedGraduates: '暂留毕业生党员数',
  transferRequests: '转接申请数',
  communityRegistrations: '社区报到登记数',
  volunteerServices: '志愿服务数',
  similarPairs: '雷同记录对数',
  candidatePairs: '比对记录对数',
  ledger: '出勤记录数',
  complianceRows: '达标记录数',
  seededCopies: '预置的雷同记录',
  ledgerFrom: '出勤记录起始日期',
  talks: '谈心谈话数',
  candidates: '发展对象数',
  faults: '预置的问题',
  quotas: '发展计划数',
  targetLetters: '目标任务书数',
  lostContacts: '失联党员数',
  commitments: '承诺数',
  opinions: '意见数',
  progress: '进展数',
  liaisons: '联系群众数',
};

/** Values the services write as codes. */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  // Scheduled jobs named in a job's summary row (notifications.jobs.ts).
  'development.due': '发展党员期限提醒',
  'term.due': '临近换届提醒',
  digest: '每日汇总通知',
  'seed.meetings': '演示数据中待召开会议的通知',
  // Where a rectification (整改) item comes from (rect_items.source_type).
  'evaluation.subject': '述职评议',
  'evaluation.campaign': '述职评议',
  'evaluation.review': '民主评议党员',
  'commitments.review': '公开承诺领导点评',
  manual: '直接录入',
  'inspection.finding': '督查发现问题',
  alert: '预警转整改',
  'life.meeting': '组织生活会查摆问题',
  'orgsys.weak': '软弱涣散整顿',
  'resp.item': '责任清单事项',
  scope: '超出管理范围',
  role: '角色无权操作',
  wrong_password: '口令错误',
  bad_password: '口令错误',
  attempts_exhausted: '连续失败次数已达上限',
  unmask: '无权查看完整敏感信息',
  unknown_user: '用户名不存在',
  locked: '账号已锁定',
  disabled: '账号已停用',
  in: '转入',
  out: '转出',
  ok: '成功',
  denied: '拒绝',
  failed: '失败',
  true: '是',
  false: '否',
  open: '进行中',
  closed: '已关闭',
  closure_requested: '已申请销号',
  scheduled: '待召开',
  held: '已召开',
  cancelled: '已取消',
  pending: '待办理',
  approved: '已批准',
  rejected: '未批准',
  accepted: '已接收',
  returned: '已退回',
  active: '正常',
  dissolved: '已撤销',
};

export interface AuditDetailItem {
  label: string;
  value: string;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    // authz_denied reasons: 'scope', or 'scope:<step>' for a step outside the caller's subtree.
    if (v.startsWith('scope:')) return VALUE_LABELS.scope!;
    const known = VALUE_LABELS[v];
    if (known) return known;
    // A code-like value nobody labelled yet (module.thing, snake_case) reads as its module in
    // Chinese rather than as a raw code.
    if (/^[a-z]+(?:[._][a-z]+)+$/.test(v)) return auditActionLabel(v.replace(/_/g, '.'));
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(valueText).join('、');
  if (typeof v === 'object') {
    const inner = auditDetailItems(v);
    return inner.length === 0 ? '—' : inner.map((i) => `${i.label}：${i.value}`).join('；');
  }
  return '—';
}

/** The detail document as label/value pairs in Chinese; `{}` or no detail gives no pairs. */
export function auditDetailItems(detail: unknown): AuditDetailItem[] {
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    const v = valueText(detail);
    return v === '—' ? [] : [{ label: '内容', value: v }];
  }
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => ({
    label: AUDIT_DETAIL_LABELS[key] ?? '其他信息',
    value: valueText(value),
  }));
}

/** One line: 原因：超出管理范围；请求方法：POST — or — when there is nothing to say. */
export function auditDetailText(detail: unknown): string {
  const items = auditDetailItems(detail);
  return items.length === 0 ? '—' : items.map((i) => `${i.label}：${i.value}`).join('；');
}

/** Accounts that are not people: the scheduler, the server itself, the demo seed. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  system: '系统（定时任务）',
  'system:server': '系统（服务进程）',
  seed: '系统（演示数据）',
};

/** The actor as shown: a person's name, a system actor's Chinese name, else the username. */
export function auditActorLabel(name: string | null, username: string | null): string | null {
  if (name) return name;
  if (username && SYSTEM_ACTORS[username]) return SYSTEM_ACTORS[username];
  return username;
}
