// The alert registry (预警): keeps the open alerts of every source equal to what the source finds,
// closes alerts whose condition cleared, and keeps counts per ancestor and code so that any
// subtree's counts are read, not recomputed.
import {
  ALERT_SEVERITIES,
  countDeltas,
  diffAlerts,
  type AlertSeverity,
} from '../../../core/alerts/alerts.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { scopeOrg } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { alertSources } from '../alert-sources.ts';
import type { AlertCodeDef, AlertSource, Q } from './alerts.registry.ts';
import * as repo from './alerts.repository.ts';

/** Every code any source declares, by code. */
export function alertCatalogue(): Map<string, AlertCodeDef & { source: string }> {
  const out = new Map<string, AlertCodeDef & { source: string }>();
  for (const s of alertSources()) for (const c of s.codes) out.set(c.code, { ...c, source: s.id });
  return out;
}

export function severityOf(ctx: AppContext, code: string, today: string): AlertSeverity {
  return ruleValue<AlertSeverity>(ctx.config.rulebook, `alerts.severity.${code}`, today);
}

export interface SyncSummary {
  source: string;
  found: number;
  opened: number;
  closed: number;
  updated: number;
}

/** Brings one source's open alerts under `scopePath` in line with what it finds now (inside `trx`). */
export async function syncSource(
  ctx: AppContext,
  trx: Q,
  source: AlertSource,
  scopePath: string,
): Promise<SyncSummary> {
  const today = chinaDate(ctx.now());
  const at = ctx.now().toISOString();
  const codes = new Map(source.codes.map((c) => [c.code, c]));
  const found = (await source.find(ctx, trx, scopePath, today)).filter(
    (f) => codes.has(f.code) && f.orgPath.startsWith(scopePath),
  );
  const open = await repo.openUnder(trx, [...codes.keys()], scopePath);
  const diff = diffAlerts(open, found);
  const linkOf = (f: { code: string; orgId: number; link?: string | null }) =>
    f.link ?? codes.get(f.code)!.page(f.orgId);
  await repo.insertAlerts(
    trx,
    diff.open.map((f) => ({
      finding: f,
      severity: severityOf(ctx, f.code, today),
      role: codes.get(f.code)!.role,
      link: linkOf(f),
    })),
    at,
    today,
  );
  await repo.closeAlerts(
    trx,
    diff.close.map((a) => a.id),
    at,
  );
  for (const { stored, finding } of diff.update) {
    await repo.updateAlert(
      trx,
      stored.id,
      finding,
      severityOf(ctx, finding.code, today),
      linkOf(finding),
      at,
    );
  }
  await repo.bumpCounts(trx, countDeltas(diff).values());
  return {
    source: source.id,
    found: found.length,
    opened: diff.open.length,
    closed: diff.close.length,
    updated: diff.update.length,
  };
}

/**
 * Re-finds the given sources (all by default) under a scope (the whole tree by default), each in
 * its own transaction: the daily job, the CLI and the seed call it.
 */
export async function refreshAlerts(
  ctx: AppContext,
  opts: { sources?: readonly string[]; scopePath?: string } = {},
): Promise<SyncSummary[]> {
  const out: SyncSummary[] = [];
  for (const source of alertSources()) {
    if (opts.sources && !opts.sources.includes(source.id)) continue;
    out.push(
      await ctx.db.transaction().execute((trx) => syncSource(ctx, trx, source, opts.scopePath ?? '/')),
    );
  }
  return out;
}

/**
 * Inside a module's write transaction: re-finds the named sources for the organisation the write
 * touched, so an alert opens or closes with the change that causes it.
 */
export async function refreshAlertsIn(
  ctx: AppContext,
  trx: Q,
  sourceIds: readonly string[],
  orgPath: string,
): Promise<void> {
  for (const source of alertSources())
    if (sourceIds.includes(source.id)) await syncSource(ctx, trx, source, orgPath);
}

export interface AlertCounts {
  byCode: Record<string, number>;
  bySeverity: Record<AlertSeverity, number>;
}

/** Open alert counts of a subtree, read from the per-ancestor counters. */
export async function countsFor(ctx: AppContext, orgId: number): Promise<AlertCounts> {
  const today = chinaDate(ctx.now());
  const rows = await repo.countsOf(ctx.db, orgId);
  const byCode: Record<string, number> = {};
  const bySeverity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
  for (const r of rows) {
    byCode[r.code] = r.n;
    bySeverity[severityOf(ctx, r.code, today)] += r.n;
  }
  return { byCode, bySeverity };
}

export async function alertCounts(ctx: AppContext, rc: RequestContext, orgId?: number) {
  const org = await scopeOrg(ctx, rc, orgId);
  const [counts, children] = await Promise.all([
    countsFor(ctx, org.id),
    repo.countsOfChildren(ctx.db, org.id),
  ]);
  return { data: { orgId: org.id, ...counts, children } };
}

export async function listAlerts(
  ctx: AppContext,
  rc: RequestContext,
  q: {
    orgId?: number | undefined;
    code?: string | undefined;
    severity?: AlertSeverity | undefined;
    limit: number;
    offset: number;
  },
) {
  const org = await scopeOrg(ctx, rc, q.orgId);
  const catalogue = alertCatalogue();
  const { rows, total } = await repo.listUnder(
    ctx.db,
    org.path,
    { code: q.code, severity: q.severity },
    q.limit,
    q.offset,
  );
  return {
    data: rows.map((r) => ({
      id: r.id,
      code: r.code,
      label: catalogue.get(r.code)?.label ?? r.code,
      severity: r.severity as AlertSeverity,
      orgId: r.org_id,
      orgCode: r.org_code,
      orgName: r.org_name,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subject: r.subject_label,
      since: r.since,
      due: r.due,
      detail: r.detail,
      role: r.role,
      link: r.link,
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The catalogue as the web shows it: code, label, severity, group, who acts. */
export function alertCodes(ctx: AppContext) {
  const today = chinaDate(ctx.now());
  return {
    data: [...alertCatalogue().values()].map((c) => ({
      code: c.code,
      label: c.label,
      group: c.group,
      role: c.role,
      severity: severityOf(ctx, c.code, today),
    })),
  };
}
