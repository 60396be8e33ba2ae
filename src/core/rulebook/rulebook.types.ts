/** How sure we are of a rule: C1 official text read; C2 secondary source; M memory; L local practice. */
export type Certainty = 'C1' | 'C2' | 'M' | 'L';

export interface RuleEntry<V = unknown> {
  id: string;
  value: V;
  /** Unit of the value, e.g. 'members', 'months', 'years', 'ratio'. */
  unit: string;
  title: string;
  source: string;
  certainty: Certainty;
  /** The version of the rule applies to records dated on or after this day. */
  effectiveFrom: string;
}

/** A rule's versions, newest last. */
export type RuleVersions = readonly RuleEntry[];

export interface Rulebook {
  /** Identifier of the rule set, e.g. 'national' or 'national+zj' after a province override. */
  name: string;
  rules: Readonly<Record<string, RuleVersions>>;
}

/** A province or organisation override: replaces or adds versions of individual rules. */
export interface RulebookOverride {
  name: string;
  entries: readonly RuleEntry[];
}
