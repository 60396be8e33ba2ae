import { NATIONAL_RULES } from './national.ts';
import type { RuleEntry, Rulebook, RulebookOverride } from './rulebook.types.ts';

export function buildRulebook(name: string, entries: readonly RuleEntry[]): Rulebook {
  const rules: Record<string, RuleEntry[]> = {};
  for (const entry of entries) (rules[entry.id] ??= []).push(entry);
  for (const versions of Object.values(rules)) versions.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { name, rules };
}

export const NATIONAL_RULEBOOK: Rulebook = buildRulebook('national', NATIONAL_RULES);

/**
 * The rule's value in force on `on` (ISO date). Without a date, the newest version.
 * Throws for an unknown id: a missing rule is a programming error, never a silent default.
 */
export function ruleValue<V>(book: Rulebook, id: string, on?: string): V {
  return ruleEntry<V>(book, id, on).value;
}

export function ruleEntry<V>(book: Rulebook, id: string, on?: string): RuleEntry<V> {
  const versions = book.rules[id];
  if (!versions || versions.length === 0) throw new Error(`unknown rule ${id}`);
  if (on === undefined) return versions[versions.length - 1] as RuleEntry<V>;
  let found: RuleEntry | undefined;
  for (const v of versions) if (v.effectiveFrom <= on) found = v;
  // A record dated before the first version is judged by the first version.
  return (found ?? versions[0]) as RuleEntry<V>;
}

/** A province's override: an entry with the same id and effectiveFrom replaces it, others are added. */
export function applyOverride(book: Rulebook, override: RulebookOverride): Rulebook {
  const merged: RuleEntry[] = [];
  for (const versions of Object.values(book.rules)) {
    for (const v of versions) {
      const replaced = override.entries.some((o) => o.id === v.id && o.effectiveFrom === v.effectiveFrom);
      if (!replaced) merged.push(v);
    }
  }
  merged.push(...override.entries);
  return buildRulebook(`${book.name}+${override.name}`, merged);
}
