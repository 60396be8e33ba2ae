// What the API shows of tasks and targets (camelCase, statuses derived on the day).
import type { FormColumn } from '../../../core/tasks/task-form.rules.ts';
import {
  TARGET_STATUS_LABEL,
  TASK_KIND_LABEL,
  targetStatus,
  type TargetState,
  type TargetStatus,
  type TaskKind,
} from '../../../core/tasks/tasks.rules.ts';
import type { TargetRow, TaskRow } from './tasks.repository.ts';

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function presentTask(t: TaskRow) {
  return {
    id: t.id,
    issuerOrgId: t.issuer_org_id,
    issuerName: t.issuer_name,
    title: t.title,
    content: t.content,
    kind: t.kind as TaskKind,
    kindLabel: TASK_KIND_LABEL[t.kind as TaskKind] ?? '工作任务',
    targetMode: t.target_mode,
    issuedOn: t.issued_on,
    deadline: t.deadline,
    attachments: json<Array<{ name: string; url?: string }>>(t.attachments, []),
    formColumns: json<FormColumn[] | null>(t.form_columns, null),
    overCap: t.over_cap === 1,
  };
}

export function statusOf(t: TaskRow, g: TargetRow, today: string): TargetStatus {
  return targetStatus(
    { deadline: t.deadline, state: g.state as TargetState, submittedOn: g.submitted_on },
    today,
  );
}

export function presentTarget(t: TaskRow, g: TargetRow, today: string, withRows = true) {
  const status = statusOf(t, g, today);
  return {
    orgId: g.org_id,
    orgName: g.org_name,
    status,
    statusLabel: TARGET_STATUS_LABEL[status],
    returned: g.state === 'returned',
    returnReason: g.return_reason,
    returnedCount: g.returned_count,
    reportText: g.report_text,
    reportAttachments: json<Array<{ name: string; url?: string }>>(g.report_attachments, []),
    ...(withRows
      ? { reportRows: json<Array<Record<string, string | number | null>> | null>(g.report_rows, null) }
      : {}),
    submittedOn: g.submitted_on,
    lastUrgedAt: g.last_urged_at,
  };
}

/** Reported / total, on time / late / overdue, for a progress bar. */
export function progressOf(t: TaskRow, targets: readonly TargetRow[], today: string) {
  const p = { total: targets.length, reported: 0, onTime: 0, late: 0, overdue: 0, pending: 0 };
  for (const g of targets) {
    const s = statusOf(t, g, today);
    if (s === 'on_time') p.onTime += 1;
    else if (s === 'late') p.late += 1;
    else if (s === 'overdue') p.overdue += 1;
    else p.pending += 1;
  }
  p.reported = p.onTime + p.late;
  return p;
}
