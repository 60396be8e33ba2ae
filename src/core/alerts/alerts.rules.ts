// The alert registry's pure parts (预警): what an alert is, how the open set follows the findings
// of a source, and which ancestors count an alert. Sources (the modules) say what they find;
// the registry stores, closes and counts (docs/decisions/0007).
import { pathIds } from '../org/org.rules.ts';

export const ALERT_SEVERITIES = ['red', 'orange', 'yellow'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** 红/橙/黄 as shown to users. */
export const SEVERITY_LABEL: Record<AlertSeverity, string> = { red: '红色', orange: '橙色', yellow: '黄色' };

/** One condition a source finds now, before it is stored. */
export interface AlertFinding {
  code: string;
  orgId: number;
  orgPath: string;
  /** What the alert is about, unique per code together with subjectId (e.g. 'org', 'meeting', 'person'). */
  subjectType: string;
  subjectId: string;
  /** A readable name of the subject (an organisation or a person's name; never an ID number). */
  subjectLabel: string;
  /** Since when the condition holds (ISO date); absent where the data cannot tell: the day it was first found. */
  since?: string | null;
  /** When it must be resolved, where a deadline exists (ISO date). */
  due?: string | null;
  /** One Chinese sentence: what is wrong. */
  detail: string;
  /** The web page that resolves it; defaults to the code's page with the organisation. */
  link?: string | null;
}

/** An alert as stored (the open ones are what the diff compares). */
export interface StoredAlert {
  id: number;
  code: string;
  subjectType: string;
  subjectId: string;
  orgId: number;
  orgPath: string;
  since: string;
  due: string | null;
  detail: string;
  subjectLabel: string;
  link: string | null;
}

export const alertKey = (a: { code: string; subjectType: string; subjectId: string }) =>
  `${a.code}|${a.subjectType}|${a.subjectId}`;

export interface AlertDiff {
  open: AlertFinding[];
  close: StoredAlert[];
  /** Still open, with something that changed (detail, due, organisation…). */
  update: Array<{ stored: StoredAlert; finding: AlertFinding }>;
}

/**
 * How the open alerts of one source under one scope follow what the source finds now: a finding
 * without an open alert opens one; an open alert without a finding closes (its condition cleared);
 * the rest stay open, updated where they changed. Duplicate findings count once.
 */
export function diffAlerts(openNow: readonly StoredAlert[], found: readonly AlertFinding[]): AlertDiff {
  const byKey = new Map<string, AlertFinding>();
  for (const f of found) if (!byKey.has(alertKey(f))) byKey.set(alertKey(f), f);
  const storedKeys = new Set<string>();
  const out: AlertDiff = { open: [], close: [], update: [] };
  for (const s of openNow) {
    const key = alertKey(s);
    storedKeys.add(key);
    const f = byKey.get(key);
    if (!f) out.close.push(s);
    else if (changed(s, f)) out.update.push({ stored: s, finding: f });
  }
  for (const [key, f] of byKey) if (!storedKeys.has(key)) out.open.push(f);
  return out;
}

function changed(s: StoredAlert, f: AlertFinding): boolean {
  return (
    s.orgId !== f.orgId ||
    s.orgPath !== f.orgPath ||
    (f.since != null && s.since !== f.since) ||
    (s.due ?? null) !== (f.due ?? null) ||
    s.detail !== f.detail ||
    s.subjectLabel !== f.subjectLabel ||
    // A finding without its own page takes the code's page, which the stored row already has.
    (f.link != null && s.link !== f.link)
  );
}

/** Counter changes (ancestor id, code) → delta for a diff; ancestors of both old and new paths on a move. */
export function countDeltas(
  diff: AlertDiff,
): Map<string, { ancestorId: number; code: string; delta: number }> {
  const deltas = new Map<string, { ancestorId: number; code: string; delta: number }>();
  const add = (path: string, code: string, d: number) => {
    // Every organisation on the path (root first, the organisation itself last) counts the alert.
    for (const id of pathIds(path)) {
      const k = `${id}|${code}`;
      const cur = deltas.get(k);
      if (cur) cur.delta += d;
      else deltas.set(k, { ancestorId: id, code, delta: d });
    }
  };
  for (const f of diff.open) add(f.orgPath, f.code, +1);
  for (const s of diff.close) add(s.orgPath, s.code, -1);
  for (const { stored, finding } of diff.update) {
    if (stored.orgPath !== finding.orgPath) {
      add(stored.orgPath, stored.code, -1);
      add(finding.orgPath, finding.code, +1);
    }
  }
  for (const [k, v] of deltas) if (v.delta === 0) deltas.delete(k);
  return deltas;
}
