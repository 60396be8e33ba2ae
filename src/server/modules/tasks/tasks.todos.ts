// 待报送任务: the to-dos of a receiving organisation's staff on the workbench (its own targets not
// yet reported, overdue ones first); read by ../workbench/workbench.todos.ts.
import { targetStatus, type TargetState } from '../../../core/tasks/tasks.rules.ts';
import type { AppContext } from '../../context.ts';

export async function pendingTaskTodos(
  ctx: AppContext,
  org: { id: number },
  today: string,
  limit: number,
): Promise<Array<{ kind: string; title: string; due: string | null; link: string; severity?: string }>> {
  const rows = await ctx.db
    .selectFrom('task_targets as g')
    .innerJoin('task_tasks as t', 't.id', 'g.task_id')
    .select(['g.task_id', 'g.state', 'g.submitted_on', 't.title', 't.deadline', 't.issuer_name'])
    .where('g.org_id', '=', org.id)
    .where('g.state', '!=', 'submitted')
    .orderBy('t.deadline')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const late =
      targetStatus(
        { deadline: r.deadline, state: r.state as TargetState, submittedOn: r.submitted_on },
        today,
      ) === 'overdue';
    return {
      kind: 'task_report',
      title: `${late ? '逾期未报' : '待报送'}：${r.issuer_name}下达的“${r.title}”${r.state === 'returned' ? '（已退回，须重新报送）' : ''}`,
      due: r.deadline,
      link: `/tasks/${r.task_id}`,
      ...(late ? { severity: 'orange' } : {}),
    };
  });
}
