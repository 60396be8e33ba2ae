// Chinese names of the demo seed's progress steps. The seed and the module seeds report their
// steps with short code names (also used by the benchmark's figures); whatever an operator sees
// on the console is the Chinese name from here.

export const SEED_PHASE_LABELS: Readonly<Record<string, string>> = {
  // Base county (demo.seed.ts)
  orgs: '写入组织',
  members: '写入党员和组织关系',
  accounts: '生成演示账号',
  // Module seeds, in run order (module-seed.ts)
  'org-system': '生成组织体系数据',
  roster: '生成党员档案',
  'org-life': '生成组织生活记录',
  development: '生成发展党员数据',
  evaluation: '生成民主评议数据',
  commitments: '生成公开承诺',
  responsibility: '生成党建责任清单和责任书',
  tasks: '生成上级交办的工作任务',
  inspection: '生成督查记录和通报',
  problems: '生成问题清单',
  dues: '生成党费台账',
  alerts: '生成预警',
  notifications: '生成通知',
  indicators: '计算工作台指标（近12个月）',
  assessment: '计算年度考核得分',
  // Steps inside a module seed
  units: '单位和组织设置',
  terms: '班子任期',
  approvals: '换届请示批复',
  committees: '委员会成员',
  weak: '软弱涣散整顿',
  grading: '分类定级',
  done: '完成',
  'roster profiles': '党员档案',
};

/** The Chinese name of a seed step; a step already named in Chinese is shown as it is. */
export function seedPhaseLabel(phase: string): string {
  return SEED_PHASE_LABELS[phase] ?? phase;
}
