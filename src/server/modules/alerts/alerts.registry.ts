// What a module declares to feed the alert registry (预警): its codes (label, who acts, which page
// resolves it) and how its conditions are found under a scope. The registry stores, closes and
// counts; a source never writes alert rows itself.
import type { Kysely, Transaction } from 'kysely';
import type { AlertFinding } from '../../../core/alerts/alerts.rules.ts';
import type { Role } from '../../../core/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';

export type Q = Kysely<DB> | Transaction<DB>;

/** Menu groups of the web app, for grouping alert counts. */
export type AlertGroup = '组织' | '党员' | '组织生活' | '发展党员' | '评议考核' | '创先争优';

export interface AlertCodeDef {
  code: string;
  /** Chinese label shown in the workbench and the alert list. */
  label: string;
  group: AlertGroup;
  /** The role that must act. */
  role: Role;
  /** The web page that resolves it, when a finding does not name a more precise one. */
  page: (orgId: number) => string;
}

export interface AlertSource {
  /** Stable id, e.g. 'org-system.terms'. */
  id: string;
  codes: readonly AlertCodeDef[];
  /**
   * Every condition of this source that holds on `today` for organisations under `scopePath`
   * (only there: the registry closes open alerts under the scope that are not found again).
   */
  find(ctx: AppContext, db: Q, scopePath: string, today: string): Promise<AlertFinding[]>;
}
