import type { Certainty, RuleEntry } from './rulebook.types.ts';

/** A rule-entry constructor whose effective date defaults to `defaultFrom` (the source text's date). */
export function ruleMaker(defaultFrom: string) {
  return <V>(
    id: string,
    value: V,
    unit: string,
    title: string,
    source: string,
    certainty: Certainty,
    effectiveFrom = defaultFrom,
  ): RuleEntry<V> => ({
    id,
    value,
    unit,
    title,
    source,
    certainty,
    effectiveFrom,
  });
}
