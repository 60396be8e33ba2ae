import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './2026_11_23_000001_create_foundation.ts';
import * as m_member_counts from './2026_11_24_000100_member_count_rollup.ts';
import * as m_org_system from './2026_11_23_100000_create_org_system.ts';
import * as m_roster from './2026_11_23_110000_create_roster.ts';
import * as m_roster_name_search from './2026_11_24_110100_roster_name_search.ts';
import * as m_roster_floating from './2026_11_24_110110_roster_floating.ts';
import * as m_roster_external from './2026_11_24_110120_roster_external_transfers.ts';
import * as m_roster_requests from './2026_11_24_110200_roster_transfer_requests.ts';
import * as m_roster_community from './2026_11_24_110210_roster_community_service.ts';
import * as m_org_life from './2026_11_23_120000_create_org_life.ts';
import * as m_org_life_findings from './2026_11_24_120100_org_life_findings.ts';
import * as m_org_life_plans from './2026_11_24_120200_org_life_plans.ts';
import * as m_development from './2026_11_23_130000_create_development.ts';
import * as m_development_closure from './2026_11_24_130100_development_closure.ts';
import * as m_evaluation from './2026_11_23_140000_create_evaluation.ts';
import * as m_commitments from './2026_11_23_150000_create_commitments.ts';
import * as m_commitments_commendations from './2026_11_24_150100_commitments_commendations.ts';
import * as m_evaluation_targets from './2026_11_24_140100_evaluation_targets.ts';
import * as m_roster_community_end from './2026_12_05_110400_roster_community_end.ts';
import * as m_roster_graduates from './2026_12_05_110300_roster_graduates.ts';
import * as m_roster_import_owner from './2026_12_07_170000_roster_import_job_owner.ts';
import * as m_roster_discipline from './2026_12_07_160000_roster_discipline.ts';
import * as m_development_vote_exclusions from './2026_12_07_160100_development_vote_exclusion_cases.ts';
import * as m_alerts from './2026_12_07_180000_alerts.ts';
import * as m_indicators from './2026_12_07_185000_indicators.ts';
import * as m_notifications from './2026_12_07_193000_notifications.ts';
import * as m_login_failures from './2026_12_07_200500_login_failures.ts';
import * as m_responsibility from './2026_12_08_100000_responsibility.ts';
import * as m_tasks from './2026_12_08_110000_tasks.ts';
import * as m_inspection from './2026_12_08_120000_inspection.ts';
import * as m_assessment from './2026_12_08_130000_assessment.ts';
import * as m_problems from './2026_12_08_140000_problems.ts';
import * as m_dues from './2026_12_08_150000_dues.ts';

/** Static list: bundles cleanly and never picks up helper files by accident. */
export const migrations: Record<string, Migration> = {
  '2026_11_23_000001_create_foundation': m001,
  '2026_11_23_100000_create_org_system': m_org_system,
  '2026_11_24_000100_member_count_rollup': m_member_counts,
  '2026_11_23_110000_create_roster': m_roster,
  '2026_11_24_110100_roster_name_search': m_roster_name_search,
  '2026_11_24_110110_roster_floating': m_roster_floating,
  '2026_11_24_110120_roster_external_transfers': m_roster_external,
  '2026_11_24_110200_roster_transfer_requests': m_roster_requests,
  '2026_11_24_110210_roster_community_service': m_roster_community,
  '2026_11_23_120000_create_org_life': m_org_life,
  '2026_11_24_120100_org_life_findings': m_org_life_findings,
  '2026_11_24_120200_org_life_plans': m_org_life_plans,
  '2026_11_23_130000_create_development': m_development,
  '2026_11_24_130100_development_closure': m_development_closure,
  '2026_11_23_140000_create_evaluation': m_evaluation,
  '2026_11_23_150000_create_commitments': m_commitments,
  '2026_11_24_150100_commitments_commendations': m_commitments_commendations,
  '2026_11_24_140100_evaluation_targets': m_evaluation_targets,
  '2026_12_05_110400_roster_community_end': m_roster_community_end,
  '2026_12_05_110300_roster_graduates': m_roster_graduates,
  '2026_12_07_170000_roster_import_job_owner': m_roster_import_owner,
  '2026_12_07_160000_roster_discipline': m_roster_discipline,
  '2026_12_07_160100_development_vote_exclusion_cases': m_development_vote_exclusions,
  '2026_12_07_180000_alerts': m_alerts,
  '2026_12_07_185000_indicators': m_indicators,
  '2026_12_07_193000_notifications': m_notifications,
  '2026_12_07_200500_login_failures': m_login_failures,
  '2026_12_08_100000_responsibility': m_responsibility,
  '2026_12_08_110000_tasks': m_tasks,
  '2026_12_08_120000_inspection': m_inspection,
  '2026_12_08_130000_assessment': m_assessment,
  '2026_12_08_140000_problems': m_problems,
  '2026_12_08_150000_dues': m_dues,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
