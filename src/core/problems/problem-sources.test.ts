import { describe, expect, it } from 'vitest';
import { problemSource, problemSourceOptions, sourceTypesOf } from './problem-sources.ts';

describe('problem sources', () => {
  it.each([
    ['evaluation.subject', 'evaluation', '述职评议'],
    ['evaluation.review', 'evaluation', '民主评议党员'],
    ['commitments.review', 'commitments', '公开承诺领导点评'],
    ['inspection.finding', 'inspection', '督查发现问题'],
    ['alert', 'alerts', '预警转整改'],
    ['life.meeting', 'org-life', '组织生活会查摆问题'],
    ['orgsys.weak', 'org-system', '软弱涣散整顿'],
    ['manual', 'manual', '直接录入'],
    ['tasks.something', 'tasks', '工作任务'],
    ['unheard', 'unheard', '其他来源'],
  ])('%s → %s (%s)', (type, source, label) => {
    expect(problemSource(type)).toEqual({ source, label });
  });

  it('lists each module once and maps a module back to its source types', () => {
    const values = problemSourceOptions().map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toEqual(
      expect.arrayContaining(['evaluation', 'inspection', 'alerts', 'org-life', 'org-system']),
    );
    expect(sourceTypesOf('evaluation').sort()).toEqual([
      'evaluation.campaign',
      'evaluation.review',
      'evaluation.subject',
    ]);
    expect(sourceTypesOf('nothing')).toEqual([]);
  });
});
