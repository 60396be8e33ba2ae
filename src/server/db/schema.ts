import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrgSystemTables } from './tables/org-system.tables.ts';
import type { RosterTables } from './tables/roster.tables.ts';
import type { OrgLifeTables } from './tables/org-life.tables.ts';
import type { DevelopmentTables } from './tables/development.tables.ts';
import type { EvaluationTables } from './tables/evaluation.tables.ts';
import type { CommitmentsTables } from './tables/commitments.tables.ts';
import type { AlertTables } from './tables/alerts.tables.ts';
import type { IndicatorTables } from './tables/indicators.tables.ts';
import type { NotificationTables } from './tables/notifications.tables.ts';
import type { ResponsibilityTables } from './tables/responsibility.tables.ts';
import type { TasksTables } from './tables/tasks.tables.ts';
import type { InspectionTables } from './tables/inspection.tables.ts';
import type { AssessmentTables } from './tables/assessment.tables.ts';
import type { ProblemsTables } from './tables/problems.tables.ts';
import type { DuesTables } from './tables/dues.tables.ts';

/** Dates are ISO `YYYY-MM-DD` text, timestamps ISO-8601 UTC text, booleans 0/1, on both engines. */
export interface OrgTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  sector: string;
  parent_id: number | null;
  path: string;
  depth: number;
  unit_names: Generated<string>;
  established_on: string | null;
  status: Generated<string>;
  dissolved_on: string | null;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  gender: string;
  ethnicity: Generated<string>;
  education: string | null;
  id_number_enc: string | null;
  id_number_bidx: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  phone_masked: string | null;
  birth_date: string | null;
  category: string;
  joined_on: string | null;
  full_member_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  org_path: string;
  category: string;
  valid_from: string;
  valid_to: string | null;
  reason: string | null;
  created_at: string;
}

export interface PositionTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  post: string;
  valid_from: string;
  valid_to: string | null;
  basis: string | null;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  scope_org_id: number;
  person_id: number | null;
  must_change_password: Generated<number>;
  password_changed_at: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  state: Generated<string>;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  scope_path: string | null;
  result: string;
  request_id: string | null;
  ip: string | null;
  detail: string;
  key_version: number;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** Failed logins for a username that names no usable account (see the login_failures migration). */
export interface LoginFailureTable {
  /** The normalised username (auth.service.ts loginKey). */
  username_key: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  updated_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** The foundation's tables. */
export interface FoundationTables {
  orgs: OrgTable;
  persons: PersonTable;
  memberships: MembershipTable;
  positions: PositionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  password_history: PasswordHistoryTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingTable;
  login_failures: LoginFailureTable;
}

/** Every table: the foundation's plus each module's (each module owns its own file in tables/). */
export interface DB extends FoundationTables, OrgSystemTables, RosterTables, OrgLifeTables, DevelopmentTables, EvaluationTables, CommitmentsTables, AlertTables, NotificationTables, IndicatorTables, ResponsibilityTables, TasksTables, InspectionTables, AssessmentTables, ProblemsTables, DuesTables {}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type OrgUpdate = Updateable<OrgTable>;
export type PersonRow = Selectable<PersonTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
