// 问题清单: where a rectification (整改) item came from. Every module writes its items to the one
// engine with a source type; the list names the module (a stable key for machines) and says in
// Chinese what produced the item.

export interface ProblemSource {
  /** The module (or 'inspection' for 督查) the item came from: stable, for machines. */
  source: string;
  /** What produced it, in Chinese. */
  label: string;
}

const SOURCES: Readonly<Record<string, ProblemSource>> = {
  'evaluation.subject': { source: 'evaluation', label: '述职评议' },
  'evaluation.campaign': { source: 'evaluation', label: '述职评议' },
  'evaluation.review': { source: 'evaluation', label: '民主评议党员' },
  'commitments.review': { source: 'commitments', label: '公开承诺领导点评' },
  'commitments.item': { source: 'commitments', label: '公开承诺' },
  'inspection.finding': { source: 'inspection', label: '督查发现问题' },
  alert: { source: 'alerts', label: '预警转整改' },
  'life.meeting': { source: 'org-life', label: '组织生活会查摆问题' },
  'orgsys.weak': { source: 'org-system', label: '软弱涣散整顿' },
  'resp.item': { source: 'responsibility', label: '责任清单事项' },
  manual: { source: 'manual', label: '直接录入' },
};

/** Modules named by their key, for a source type nobody listed yet. */
const MODULE_NAMES: Readonly<Record<string, string>> = {
  evaluation: '评议考核',
  commitments: '创先争优',
  inspection: '督查',
  'org-life': '组织生活',
  'org-system': '组织体系',
  development: '发展党员',
  roster: '党员管理',
  tasks: '工作任务',
  responsibility: '党建责任制',
};

export function problemSource(sourceType: string): ProblemSource {
  const known = SOURCES[sourceType];
  if (known) return known;
  const module = sourceType.split('.')[0] ?? sourceType;
  return { source: module, label: MODULE_NAMES[module] ?? '其他来源' };
}

/** The sources a person can filter on, in display order (one per module). */
export function problemSourceOptions(): Array<{ value: string; label: string }> {
  const seen = new Map<string, string>();
  for (const s of Object.values(SOURCES))
    if (!seen.has(s.source)) seen.set(s.source, MODULE_NAMES[s.source] ?? s.label);
  seen.set('alerts', '预警');
  seen.set('manual', '直接录入');
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** Source types of a module key (for filtering the engine's rows). */
export function sourceTypesOf(source: string): string[] {
  return Object.entries(SOURCES)
    .filter(([, s]) => s.source === source)
    .map(([t]) => t);
}

/** Meeting types whose 查摆问题 become rectification items (组织生活会, 民主生活会). */
export const SELF_EXAMINATION_MEETINGS = ['组织生活会', '民主生活会'] as const;
