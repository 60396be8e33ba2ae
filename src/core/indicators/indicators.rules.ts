// Indicators (指标): a named figure of an organisation's subtree, measured once per organisation
// ("own" part: what sits directly on it) and rolled up the tree, so that the workbench KPIs, the
// rankings of child organisations and the 12-month trends all read one definition.

/** What one organisation contributes: a count (den null) or a ratio's numerator and denominator. */
export interface Part {
  num: number;
  den: number | null;
}

export interface TreeNode {
  id: number;
  parentId: number | null;
}

/**
 * Sums each organisation's own part into itself and every ancestor present in `nodes`.
 * `denOverride` replaces the rolled-up denominator where an organisation sets its own
 * (e.g. a 党委's 发展名额 covers its subtree: its children's quotas are not added on top).
 */
export function rollUp(
  nodes: readonly TreeNode[],
  own: ReadonlyMap<number, Part>,
  denOverride: ReadonlyMap<number, number> = new Map(),
): Map<number, Part> {
  const children = new Map<number, number[]>();
  const ids = new Set(nodes.map((n) => n.id));
  const roots: number[] = [];
  for (const n of nodes) {
    if (n.parentId !== null && ids.has(n.parentId))
      children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
    else roots.push(n.id);
  }
  const out = new Map<number, Part>();
  // Iterative post-order: trees are deep enough (province → branch) to avoid recursion limits.
  for (const root of roots) {
    const stack: Array<{ id: number; done: boolean }> = [{ id: root, done: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      const kids = children.get(top.id) ?? [];
      if (!top.done) {
        stack.push({ id: top.id, done: true });
        for (const k of kids) stack.push({ id: k, done: false });
        continue;
      }
      const mine = own.get(top.id);
      let num = mine?.num ?? 0;
      let den: number | null = mine?.den ?? null;
      for (const k of kids) {
        const p = out.get(k)!;
        num += p.num;
        if (p.den !== null) den = (den ?? 0) + p.den;
      }
      const o = denOverride.get(top.id);
      out.set(top.id, { num, den: o !== undefined ? o : den });
    }
  }
  return out;
}

/** The value shown: a count, or a percentage with one decimal (null when nothing is measured). */
export function valueOf(p: Part | undefined, unit: string): number | null {
  if (!p) return null;
  if (unit !== '%') return p.num;
  if (p.den === null || p.den === 0) return null;
  return Math.round((p.num / p.den) * 1000) / 10;
}

/** Month keys (YYYY-MM) of the 12 months ending with `month`, oldest first. */
export function last12Months(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The last day of a month key, or `today` for the month in progress. */
export function asOfFor(month: string, today: string): string {
  if (today.startsWith(month)) return today;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}
