// The only Kysely code for the evaluation module's own tables (campaigns, subjects, 约谈,
// 民主评议党员, 处置). Scope is in every list's signature.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { MemberDispositionTable } from '../../db/tables/evaluation.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;
export type SubjectRow = NonNullable<Awaited<ReturnType<typeof findSubject>>>;
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

export async function findCampaign(db: Q, id: number) {
  return db
    .selectFrom('eval_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.code as org_code', 'o.name as org_name', 'o.depth as org_depth'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function findCampaignByOrgYear(db: Q, orgId: number, year: number) {
  return db
    .selectFrom('eval_campaigns')
    .select(['id'])
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** '/1/23/456/' → ['/1/', '/1/23/', '/1/23/456/']: the scope and every ancestor. */
function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => '/' + ids.slice(0, i + 1).join('/') + '/');
}

/** Campaigns visible to a scope: run inside it, or published to a scope containing it. */
export async function listCampaigns(db: Q, scopePath: string, year: number | undefined) {
  let q = db
    .selectFrom('eval_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.code as org_code', 'o.name as org_name', 'o.depth as org_depth'])
    .where((eb) =>
      eb.or([
        eb.and([eb('c.org_path', '>=', scopePath), eb('c.org_path', '<', pathUpperBound(scopePath))]),
        eb('c.publish_scope_path', 'in', ancestorPaths(scopePath)),
      ]),
    );
  if (year !== undefined) q = q.where('c.year', '=', year);
  return q.orderBy('c.year', 'desc').orderBy('o.depth').orderBy('c.id').limit(500).execute();
}

/** Campaigns of a year in a subtree: the 三级联述联评联考 view. */
export async function campaignsInSubtree(db: Q, path: string, year: number) {
  return db
    .selectFrom('eval_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select(['o.code as org_code', 'o.name as org_name', 'o.depth as org_depth'])
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', pathUpperBound(path))
    .where('c.year', '=', year)
    .orderBy('o.depth')
    .orderBy('c.org_path')
    .execute();
}

/** The campaign of the same year run by the nearest ancestor organisation, for linking. */
export async function nearestAncestorCampaign(db: Q, ancestorIds: readonly number[], year: number) {
  if (ancestorIds.length === 0) return undefined;
  return db
    .selectFrom('eval_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.org_path'])
    .where('c.org_id', 'in', ancestorIds)
    .where('c.year', '=', year)
    .orderBy('o.depth', 'desc')
    .executeTakeFirst();
}

export async function insertCampaign(
  trx: Transaction<DB>,
  row: {
    org_id: number;
    org_path: string;
    parent_campaign_id: number | null;
    year: number;
    title: string;
    meeting_on: string | null;
    weights: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return trx
    .insertInto('eval_campaigns')
    .values({
      ...row,
      status: 'reporting',
      box_id: null,
      publish_scope_path: null,
      published_at: null,
      updated_at: row.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateCampaign(
  trx: Transaction<DB>,
  id: number,
  set: {
    status?: string;
    box_id?: number;
    publish_scope_path?: string;
    published_at?: string;
    updated_at: string;
  },
) {
  await trx.updateTable('eval_campaigns').set(set).where('id', '=', id).execute();
}

/** Secretaries (current 书记) of the active direct children of an organisation, one query. */
export async function childSecretaries(db: Q, parentId: number, on: string) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('positions as x', (j) =>
      j
        .onRef('x.org_id', '=', 'o.id')
        .on('x.post', '=', '书记')
        .on('x.valid_from', '<=', on)
        .on((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)])),
    )
    .leftJoin('persons as p', 'p.id', 'x.person_id')
    .select([
      'o.id as org_id',
      'o.path',
      'o.code',
      'o.name as org_name',
      'o.kind',
      'o.sort_order',
      'p.id as person_id',
      'p.name',
    ])
    .where('o.parent_id', '=', parentId)
    .where('o.status', '=', 'active')
    .where('o.kind', '!=', '党小组')
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
}

export async function insertSubjects(
  trx: Transaction<DB>,
  rows: Array<{
    campaign_id: number;
    org_id: number;
    org_path: string;
    org_code: string;
    org_name: string;
    person_id: number;
    name: string;
    report_order: number;
  }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('eval_subjects')
    .values(
      rows.map((r) => ({
        ...r,
        report_text: null,
        submitted_at: null,
        comment_text: null,
        comment_grade: null,
        score_x10: null,
        grade: null,
        tally: null,
      })),
    )
    .execute();
}

export async function findSubject(db: Q, id: number) {
  return db.selectFrom('eval_subjects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function subjectsOf(db: Q, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('eval_subjects')
    .selectAll()
    .where('campaign_id', 'in', campaignIds)
    .orderBy('campaign_id')
    .orderBy('report_order')
    .orderBy('id')
    .execute();
}

export async function updateSubject(
  trx: Transaction<DB>,
  id: number,
  set: Partial<{
    report_text: string;
    problems: string;
    attachments: string;
    submitted_at: string;
    comment_text: string;
    comment_grade: string;
    report_order: number;
    indicators: string;
    score_x10: number | null;
    grade: string | null;
    tally: string;
  }>,
) {
  return trx
    .updateTable('eval_subjects')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Organisations of a subtree and whether each has a 书记 on a day (for the vacancy indicator). */
export async function secretaryCoverage(db: Q, path: string, on: string) {
  return db
    .selectFrom('orgs as o')
    .select([
      'o.path',
      sql<number>`(select count(*) from positions x where x.org_id = o.id and x.post = '书记' and x.valid_from <= ${on} and (x.valid_to is null or x.valid_to > ${on}))`.as(
        'n',
      ),
    ])
    .where('o.path', '>=', path)
    .where('o.path', '<', pathUpperBound(path))
    .where('o.status', '=', 'active')
    .where('o.kind', '!=', '党小组')
    .execute();
}

export async function insertInterview(
  trx: Transaction<DB>,
  row: {
    campaign_id: number;
    subject_id: number;
    org_id: number;
    org_path: string;
    person_id: number;
    reason: string;
    created_at: string;
  },
) {
  return trx
    .insertInto('eval_interviews')
    .values({ ...row, status: 'planned', held_on: null, notes: null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function interviewsOf(db: Q, campaignIds: readonly number[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('eval_interviews')
    .selectAll()
    .where('campaign_id', 'in', campaignIds)
    .orderBy('id')
    .execute();
}

export async function latestCampaignId(db: Q, publishedOnly: boolean) {
  let q = db.selectFrom('eval_campaigns as c').innerJoin('orgs as o', 'o.id', 'c.org_id').select('c.id');
  if (publishedOnly) q = q.where('c.status', '=', 'published');
  const row = await q
    .orderBy('c.year', 'desc')
    .orderBy('o.depth')
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

// —— 民主评议党员 ——

export async function findReview(db: Q, id: number) {
  return db
    .selectFrom('member_reviews as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.code as org_code', 'o.name as org_name', 'o.parent_id as org_parent_id'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function findReviewByOrgYear(db: Q, orgId: number, year: number) {
  return db
    .selectFrom('member_reviews')
    .select('id')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function listReviews(db: Q, scopePath: string, year: number | undefined) {
  let q = db
    .selectFrom('member_reviews as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.code as org_code', 'o.name as org_name', 'o.parent_id as org_parent_id'])
    .where('r.org_path', '>=', scopePath)
    .where('r.org_path', '<', pathUpperBound(scopePath));
  if (year !== undefined) q = q.where('r.year', '=', year);
  return q.orderBy('r.year', 'desc').orderBy('r.org_path').limit(500).execute();
}

/** Grade counts per review of a subtree, one query. */
export async function gradeCounts(db: Q, reviewIds: readonly number[]) {
  if (reviewIds.length === 0) return [];
  return db
    .selectFrom('member_review_entries')
    .select([
      'review_id',
      'grade',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when self_text is null then 0 else 1 end)`.as('self'),
    ])
    .where('review_id', 'in', reviewIds)
    .groupBy(['review_id', 'grade'])
    .execute();
}

export async function insertReview(
  trx: Transaction<DB>,
  row: { org_id: number; org_path: string; year: number; report_to_upper: number; created_at: string },
) {
  return trx
    .insertInto('member_reviews')
    .values({
      ...row,
      stage: 'study',
      study_note: null,
      box_id: null,
      decided_by: null,
      published_at: null,
      updated_at: row.created_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateReview(
  trx: Transaction<DB>,
  id: number,
  set: Partial<{
    stage: string;
    study_note: string | null;
    box_id: number;
    decided_by: string;
    published_at: string;
  }> & { updated_at: string },
) {
  await trx.updateTable('member_reviews').set(set).where('id', '=', id).execute();
}

export async function insertEntries(
  trx: Transaction<DB>,
  rows: Array<{ review_id: number; org_path: string; person_id: number; name: string }>,
) {
  for (let i = 0; i < rows.length; i += 300) {
    await trx
      .insertInto('member_review_entries')
      .values(
        rows
          .slice(i, i + 300)
          .map((r) => ({ ...r, self_text: null, self_at: null, grade: null, reason: null })),
      )
      .execute();
  }
}

export async function entriesOf(db: Q, reviewId: number) {
  return db
    .selectFrom('member_review_entries')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('id')
    .execute();
}

export async function findEntry(db: Q, id: number) {
  return db.selectFrom('member_review_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateEntry(
  trx: Transaction<DB>,
  id: number,
  set: Partial<{ self_text: string; self_at: string; grade: string; reason: string }>,
) {
  await trx.updateTable('member_review_entries').set(set).where('id', '=', id).execute();
}

/** Open reviews where a person has an entry (the member's own page). */
export async function reviewsOfPerson(db: Q, personId: number) {
  return db
    .selectFrom('member_review_entries as e')
    .innerJoin('member_reviews as r', 'r.id', 'e.review_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.year',
      'r.stage',
      'r.box_id',
      'o.name as org_name',
      'e.id as entry_id',
      'e.self_text',
      'e.grade',
    ])
    .where('e.person_id', '=', personId)
    .orderBy('r.year', 'desc')
    .execute();
}

export async function insertDisposition(trx: Transaction<DB>, row: Insertable<MemberDispositionTable>) {
  return trx.insertInto('member_dispositions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDisposition(db: Q, id: number) {
  return db.selectFrom('member_dispositions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function dispositionsOfEntries(db: Q, entryIds: readonly number[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('member_dispositions')
    .selectAll()
    .where('entry_id', 'in', entryIds)
    .orderBy('id')
    .execute();
}

export async function setDispositionStatus(trx: Transaction<DB>, id: number, status: string) {
  return trx
    .updateTable('member_dispositions')
    .set({ status })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function personOfUser(db: Q, userId: number) {
  const r = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return r?.person_id ?? null;
}

export async function findInterview(db: Q, id: number) {
  return db
    .selectFrom('eval_interviews as i')
    .innerJoin('eval_campaigns as c', 'c.id', 'i.campaign_id')
    .selectAll('i')
    .select('c.org_path as campaign_path')
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export async function recordInterview(trx: Transaction<DB>, id: number, heldOn: string, notes: string) {
  return trx
    .updateTable('eval_interviews')
    .set({ status: 'held', held_on: heldOn, notes })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
