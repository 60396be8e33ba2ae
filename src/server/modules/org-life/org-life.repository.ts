// The only Kysely code for the org-life tables. Subtree reads take the scope path and are
// one range scan each (org_path >= p and org_path < upper(p)); no per-branch loops.
import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import { pathIds } from '../../../core/org/org.rules.ts';
import { pathUpperBound, toCount, type Engine } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { LifeAttendanceTable, LifeMeetingTable } from '../../db/tables/org-life.tables.ts';
import { memberCountsByOrgOn } from '../membership/membership.repository.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type MeetingRow = Selectable<LifeMeetingTable>;
export type AttendanceRow = Selectable<LifeAttendanceTable>;

/** SQLite allows 32766 bound parameters per statement; stay well below. */
export async function insertChunked<T extends keyof DB>(
  db: Q,
  table: T,
  rows: Insertable<DB[T]>[],
  paramsPerRow: number,
): Promise<void> {
  const size = Math.max(1, Math.floor(30000 / paramsPerRow));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Bulk insert for seeds and rebuilds (hundreds of thousands of rows): no query builder per
 * chunk. SQLite: one multi-row VALUES statement text per chunk size, reused with new
 * parameters. PostgreSQL: one array parameter per column, expanded by unnest, typed from the
 * table's own column types — a round trip per 20,000 rows whatever the column count.
 * Every row must have the same keys (the first row's); values are bound, never spliced.
 */
export async function bulkInsert<T extends keyof DB & string>(
  db: Q,
  engine: 'sqlite' | 'postgres',
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values = (r: Insertable<DB[T]>) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null);
  const into = `insert into ${quoteId(table)} (${columns.map(quoteId).join(', ')})`;
  if (engine === 'postgres') {
    const found = await sql<{
      column_name: string;
      data_type: string;
    }>`select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    const types = new Map(found.rows.map((r) => [r.column_name, r.data_type]));
    const text = `${into} select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(', ')})`;
    for (let i = 0; i < rows.length; i += 20000) {
      const chunk = rows.slice(i, i + 20000).map(values);
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          columns.map((_, j) => chunk.map((r) => r[j])),
        ),
      );
    }
    return;
  }
  const size = Math.max(1, Math.floor(30000 / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const textFor = new Map<number, string>();
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let text = textFor.get(chunk.length);
    if (!text)
      textFor.set(
        chunk.length,
        (text = `${into} values ${Array.from({ length: chunk.length }, () => tuple).join(', ')}`),
      );
    await db.executeQuery(CompiledQuery.raw(text, chunk.flatMap(values)));
  }
}

// ---------- meetings ----------

export async function insertMeeting(trx: Q, row: Insertable<LifeMeetingTable>): Promise<MeetingRow> {
  return trx.insertInto('life_meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMeeting(db: Q, id: number): Promise<MeetingRow | undefined> {
  return db.selectFrom('life_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMeeting(
  trx: Q,
  id: number,
  set: Partial<Insertable<LifeMeetingTable>>,
): Promise<MeetingRow> {
  return trx
    .updateTable('life_meetings')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMeetingsOfOrg(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('life_meetings')
    .select([
      'id',
      'org_id',
      'type',
      'title',
      'held_on',
      'start_time',
      'place',
      'status',
      'expected_count',
      'present_count',
      'minutes_chars',
      'series_id',
    ])
    .where('org_id', '=', orgId)
    .where('held_on', '>=', from)
    .where('held_on', '<', to)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
}

/** Held meetings under a path in [from, to), with the organisation code and name: one range scan. */
export async function heldMeetingsUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.org_id',
      'o.code',
      'o.name',
      'm.type',
      'm.held_on',
      'm.minutes_chars',
      'm.recorded_on',
      'm.expected_count',
      'm.present_count',
      'm.leave_count',
      'm.absent_count',
      'm.excluded_count',
    ])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<', to)
    .where('m.status', '=', 'held')
    .orderBy('m.org_path')
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
}

// ---------- precomputed quality findings ----------

export type FindingInsert = Insertable<DB['life_findings']>;

/** Replaces the stored findings of one meeting (none when it is not held). */
export async function replaceFindings(
  trx: Q,
  meetingId: number,
  rows: readonly FindingInsert[],
): Promise<void> {
  await trx.deleteFrom('life_findings').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await trx
      .insertInto('life_findings')
      .values([...rows])
      .execute();
}

export async function insertFindings(
  trx: Q,
  engine: 'sqlite' | 'postgres',
  rows: FindingInsert[],
): Promise<void> {
  await bulkInsert(trx, engine, 'life_findings', rows);
}

export async function deleteAllFindings(trx: Q): Promise<void> {
  await trx.deleteFrom('life_findings').execute();
}

/** Stored findings under `path` for meetings held in [from, to): one range scan, in report order. */
export async function findingsUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_findings as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select(['f.meeting_id', 'f.code', 'f.detail', 'o.code as org_code', 'o.name as org_name'])
    .where('f.org_path', '>=', path)
    .where('f.org_path', '<', pathUpperBound(path))
    .where('f.held_on', '>=', from)
    .where('f.held_on', '<', to)
    .orderBy('f.org_path')
    .orderBy('f.held_on')
    .orderBy('f.meeting_id')
    .orderBy('f.seq')
    .execute();
}

/** Every stored finding (for comparing the incremental table with a rebuild). */
export async function allFindings(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('life_findings')
    .select(['meeting_id', 'seq', 'org_id', 'org_path', 'held_on', 'code', 'detail'])
    .execute();
  return rows
    .map((r) => `${r.meeting_id}|${r.seq}|${r.org_id}|${r.org_path}|${r.held_on}|${r.code}|${r.detail}`)
    .sort();
}

/** Held meetings after `afterId` in id order, with what the quality rules need (rebuild batches). */
export async function heldMeetingsAfter(db: Q, afterId: number, limit: number) {
  return db
    .selectFrom('life_meetings')
    .select([
      'id',
      'org_id',
      'org_path',
      'type',
      'held_on',
      'status',
      'minutes_chars',
      'recorded_on',
      'expected_count',
      'present_count',
      'leave_count',
      'absent_count',
      'excluded_count',
    ])
    .where('status', '=', 'held')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ---------- attendance ledger ----------

export async function insertAttendance(trx: Q, rows: Insertable<LifeAttendanceTable>[]): Promise<void> {
  if (rows.length > 0) await insertChunked(trx, 'life_attendance', rows, 10);
}

export async function listAttendance(db: Q, meetingId: number) {
  return db
    .selectFrom('life_attendance as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.person_id',
      'p.name',
      'a.status',
      'a.exclusion',
      'a.method',
      'a.reason',
      'a.signed_at',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.id')
    .execute();
}

export async function findAttendance(
  db: Q,
  meetingId: number,
  personId: number,
): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom('life_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function updateAttendance(
  trx: Q,
  id: number,
  set: Partial<Insertable<LifeAttendanceTable>>,
): Promise<void> {
  await trx.updateTable('life_attendance').set(set).where('id', '=', id).execute();
}

export async function markUnsignedAbsent(trx: Q, meetingId: number): Promise<void> {
  await trx
    .updateTable('life_attendance')
    .set({ status: '缺席' })
    .where('meeting_id', '=', meetingId)
    .where('status', '=', '待签到')
    .execute();
}

/** Statuses of the ledger (the counts on the meeting row are derived from these). */
export async function attendanceStatuses(db: Q, meetingId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('life_attendance')
    .select('status')
    .where('meeting_id', '=', meetingId)
    .execute();
  return rows.map((r) => r.status);
}

// ---------- people ----------

export async function personOfUser(db: Q, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/** Current position holders of an organisation on a day (the committee). */
export async function committeeOn(db: Q, orgId: number, on: string) {
  const rows = await db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id', 'p.name'])
    .where('x.org_id', '=', orgId)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('p.id')
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ personId: r.id, name: r.name }));
}

/**
 * A 党小组's members on a day: members of its parent branch whose roster profile assigns them
 * to the group (roster_profiles.group_org_id, since group_since), plus anyone whose membership
 * is recorded on the group itself. Read-only use of the roster's table.
 */
export async function groupMembersOn(db: Q, group: { id: number; parent_id: number | null }, on: string) {
  const assigned = group.parent_id
    ? await db
        .selectFrom('roster_profiles as rp')
        .innerJoin('memberships as m', 'm.person_id', 'rp.person_id')
        .innerJoin('persons as p', 'p.id', 'rp.person_id')
        .select(['p.id', 'p.name'])
        .where('rp.group_org_id', '=', group.id)
        .where((eb) => eb.or([eb('rp.group_since', 'is', null), eb('rp.group_since', '<=', on)]))
        .where('m.org_id', '=', group.parent_id)
        .where('m.valid_from', '<=', on)
        .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
        .execute()
    : [];
  const direct = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.org_id', '=', group.id)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .execute();
  const byId = new Map<number, { personId: number; name: string }>();
  for (const r of [...assigned, ...direct]) byId.set(r.id, { personId: r.id, name: r.name });
  return [...byId.values()].sort((a, b) => a.personId - b.personId);
}

/** Position holders of an organisation on a day with their posts (谈心谈话 pairs need the 书记). */
export async function committeeSeatsOn(db: Q, orgId: number, on: string) {
  return db
    .selectFrom('positions as x')
    .innerJoin('persons as p', 'p.id', 'x.person_id')
    .select(['p.id as personId', 'p.name', 'x.post'])
    .where('x.org_id', '=', orgId)
    .where('x.valid_from', '<=', on)
    .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
    .orderBy('p.id')
    .execute();
}

/** For 谈心谈话 coverage of every branch under `path`: seats, members and the year's talks, three range scans. */
export async function talkFactsUnder(db: Q, path: string, on: string, from: string, to: string) {
  const upper = pathUpperBound(path);
  const [seats, members, talks] = await Promise.all([
    db
      .selectFrom('positions as x')
      .innerJoin('orgs as o', 'o.id', 'x.org_id')
      .select(['x.org_id', 'x.person_id', 'x.post'])
      .where('o.path', '>=', path)
      .where('o.path', '<', upper)
      .where('x.valid_from', '<=', on)
      .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', on)]))
      .execute(),
    db
      .selectFrom('memberships')
      .select(['org_id', 'person_id'])
      .where('org_path', '>=', path)
      .where('org_path', '<', upper)
      .where('valid_from', '<=', on)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
      .execute(),
    db
      .selectFrom('life_talks')
      .select(['org_id', 'talker_person_id', 'talkee_person_id'])
      .where('org_path', '>=', path)
      .where('org_path', '<', upper)
      .where('held_on', '>=', from)
      .where('held_on', '<', to)
      .execute(),
  ]);
  return { seats, members, talks };
}

// ---------- minutes similarity ----------

export async function replaceBands(
  trx: Q,
  meeting: { id: number },
  buckets: readonly string[],
): Promise<void> {
  await trx.deleteFrom('life_minutes_bands').where('meeting_id', '=', meeting.id).execute();
  if (buckets.length === 0) return;
  await trx
    .insertInto('life_minutes_bands')
    .values(buckets.map((bucket, band) => ({ meeting_id: meeting.id, band, bucket })))
    .execute();
}

/** Meetings sharing at least one LSH bucket with `meetingId` (anywhere): index lookups only. */
export async function candidatesOf(db: Q, meetingId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('life_minutes_bands as x')
    .innerJoin('life_minutes_bands as y', (j) =>
      j.onRef('y.band', '=', 'x.band').onRef('y.bucket', '=', 'x.bucket'),
    )
    .select('y.meeting_id')
    .distinct()
    .where('x.meeting_id', '=', meetingId)
    .where('y.meeting_id', '<>', meetingId)
    .execute();
  return rows.map((r) => Number(r.meeting_id));
}

export async function replacePairs(
  trx: Q,
  meetingId: number,
  pairs: Insertable<DB['life_minutes_pairs']>[],
): Promise<void> {
  await trx
    .deleteFrom('life_minutes_pairs')
    .where((eb) => eb.or([eb('meeting_id', '=', meetingId), eb('other_meeting_id', '=', meetingId)]))
    .execute();
  if (pairs.length > 0) await insertChunked(trx, 'life_minutes_pairs', pairs, 6);
}

/**
 * Near-duplicate pairs under `path` (both sides) with a meeting held in [from, to), with both
 * meetings' organisation, date and type: one statement, no minutes text loaded.
 */
export async function similarUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_minutes_pairs as p')
    .innerJoin('life_meetings as a', 'a.id', 'p.meeting_id')
    .innerJoin('orgs as oa', 'oa.id', 'a.org_id')
    .innerJoin('life_meetings as b', 'b.id', 'p.other_meeting_id')
    .innerJoin('orgs as ob', 'ob.id', 'b.org_id')
    .select([
      'p.meeting_id',
      'p.other_meeting_id',
      'p.similarity',
      'a.held_on',
      'a.type',
      'oa.code',
      'oa.name',
      'b.held_on as other_held_on',
      'b.type as other_type',
      'ob.code as other_code',
      'ob.name as other_name',
    ])
    .where('p.org_path', '>=', path)
    .where('p.org_path', '<', pathUpperBound(path))
    .where('p.held_on', '>=', from)
    .where('p.held_on', '<', to)
    .where('p.other_org_path', '>=', path)
    .where('p.other_org_path', '<', pathUpperBound(path))
    .orderBy('p.meeting_id')
    .orderBy('p.other_meeting_id')
    .execute();
}

export async function meetingTextsWithPath(db: Q, ids: readonly number[]) {
  const out: Array<{ id: number; org_path: string; held_on: string; name: string; minutes: string | null }> =
    [];
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(
      ...(await db
        .selectFrom('life_meetings as m')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.org_path', 'm.held_on', 'o.name', 'm.minutes'])
        .where('m.id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  }
  return out;
}

// ---------- compliance rows and per-ancestor counters ----------

/**
 * Adds `delta` held meetings to (org, type, native period); when the organisation's
 * "held at least one" flips, every ancestor's counter (the organisation itself included) moves.
 */
export async function bumpCompliance(
  trx: Q,
  org: { id: number; path: string },
  type: string,
  period: string,
  delta: number,
): Promise<void> {
  const row = await trx
    .selectFrom('life_compliance')
    .select('held')
    .where('org_id', '=', org.id)
    .where('type', '=', type)
    .where('period', '=', period)
    .executeTakeFirst();
  const before = row ? Number(row.held) : 0;
  const after = Math.max(0, before + delta);
  if (row)
    await trx
      .updateTable('life_compliance')
      .set({ held: after })
      .where('org_id', '=', org.id)
      .where('type', '=', type)
      .where('period', '=', period)
      .execute();
  else
    await trx
      .insertInto('life_compliance')
      .values({ org_id: org.id, org_path: org.path, type, period, held: after })
      .execute();
  const flip = before === 0 && after > 0 ? 1 : before > 0 && after === 0 ? -1 : 0;
  if (flip === 0) return;
  const ancestors = pathIds(org.path);
  await trx
    .insertInto('life_compliance_counters')
    .values(ancestors.map((id) => ({ ancestor_id: id, type, period, orgs_held: flip })))
    .onConflict((oc) =>
      oc
        .columns(['ancestor_id', 'type', 'period'])
        .doUpdateSet({ orgs_held: sql`life_compliance_counters.orgs_held + ${flip}` }),
    )
    .execute();
}

/** Held counts of the organisations under `path` for the given native period keys. */
async function complianceUnder(db: Q, path: string, periods: readonly string[], type?: string) {
  if (periods.length === 0) return [];
  return db
    .selectFrom('life_compliance')
    .select(['org_id', 'type', 'period', 'held'])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('period', 'in', periods)
    .$if(type !== undefined, (q) => q.where('type', '=', type!))
    .execute();
}

/**
 * Held meetings under `path` for `periods`, as org → type → period → held. On PostgreSQL the
 * rows come back packed in one text value: at city scale (~40,000 rows) the driver's per-row
 * protocol parsing cost more than the query itself (measured 60–90 ms against 21 ms of SQL);
 * splitting one string is native work. Types and period keys never contain ',' or ';'.
 */
export async function heldByOrgUnder(
  db: Q,
  engine: Engine,
  path: string,
  periods: readonly string[],
  type?: string,
): Promise<Map<number, Map<string, Map<string, number>>>> {
  const out = new Map<number, Map<string, Map<string, number>>>();
  const add = (orgId: number, type: string, period: string, held: number) => {
    let byType = out.get(orgId);
    if (!byType) out.set(orgId, (byType = new Map()));
    let byPeriod = byType.get(type);
    if (!byPeriod) byType.set(type, (byPeriod = new Map()));
    byPeriod.set(period, held);
  };
  if (periods.length === 0) return out;
  if (engine !== 'postgres') {
    for (const r of await complianceUnder(db, path, periods, type)) add(r.org_id, r.type, r.period, Number(r.held));
    return out;
  }
  const row = await db
    .selectFrom('life_compliance')
    .select(
      sql<string | null>`string_agg(org_id::text || ',' || type || ',' || period || ',' || held::text, ';')`.as('packed'),
    )
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('period', 'in', periods)
    .$if(type !== undefined, (q) => q.where('type', '=', type!))
    .executeTakeFirst();
  if (!row?.packed) return out;
  for (const item of row.packed.split(';')) {
    const [orgId, type, period, held] = item.split(',') as [string, string, string, string];
    add(Number(orgId), type, period, Number(held));
  }
  return out;
}

export async function countersOf(db: Q, ancestorIds: readonly number[], periods: readonly string[]) {
  if (ancestorIds.length === 0 || periods.length === 0) return [];
  return db
    .selectFrom('life_compliance_counters')
    .select(['ancestor_id', 'type', 'period', 'orgs_held'])
    .where('ancestor_id', 'in', ancestorIds)
    .where('period', 'in', periods)
    .execute();
}

/**
 * Held meetings grouped by organisation, type, day and attendance counts: the source for a
 * rebuild (the day and the counts let the caller leave out meetings that missed their quorum).
 */
export async function heldByOrgTypeMonth(db: Q) {
  return db
    .selectFrom('life_meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.org_id',
      'o.path',
      'm.type',
      'm.held_on',
      'm.expected_count',
      'm.present_count',
      sql<number>`count(*)`.as('n'),
    ])
    .where('m.status', '=', 'held')
    .groupBy(['m.org_id', 'o.path', 'm.type', 'm.held_on', 'm.expected_count', 'm.present_count'])
    .execute();
}

/**
 * Held meetings under `path` in [from, to) that missed their legal quorum (their stored
 * QUORUM_NOT_MET finding), with the type: the reason a period is 未达标 although a meeting was held.
 */
export async function quorumMissedUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_findings as f')
    .innerJoin('life_meetings as m', 'm.id', 'f.meeting_id')
    .select(['f.org_id', 'm.type', 'f.held_on', 'f.detail'])
    .where('f.org_path', '>=', path)
    .where('f.org_path', '<', pathUpperBound(path))
    .where('f.held_on', '>=', from)
    .where('f.held_on', '<', to)
    .where('f.code', '=', 'QUORUM_NOT_MET')
    .orderBy('f.held_on')
    .execute();
}

/**
 * 党小组 under `path` that have members at some time in [from, to): members of the parent branch
 * assigned to the group by the roster (roster_profiles.group_org_id, from group_since), or
 * memberships recorded on the group itself. Two range scans; read-only use of roster_profiles.
 * Returns branch id → the ids of its groups with members.
 */
export async function groupsWithMembersUnder(
  db: Q,
  path: string,
  from: string,
  to: string,
): Promise<Map<number, number[]>> {
  const [assigned, direct] = await Promise.all([
    db
      .selectFrom('orgs as g')
      .innerJoin('roster_profiles as rp', 'rp.group_org_id', 'g.id')
      .innerJoin('memberships as m', (j) =>
        j.onRef('m.person_id', '=', 'rp.person_id').onRef('m.org_id', '=', 'g.parent_id'),
      )
      .select(['g.id', 'g.parent_id'])
      .distinct()
      .where('g.path', '>=', path)
      .where('g.path', '<', pathUpperBound(path))
      .where('g.kind', '=', '党小组')
      .where((eb) => eb.or([eb('rp.group_since', 'is', null), eb('rp.group_since', '<', to)]))
      .where('m.valid_from', '<', to)
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', from)]))
      .execute(),
    db
      .selectFrom('orgs as g')
      .innerJoin('memberships as m', 'm.org_id', 'g.id')
      .select(['g.id', 'g.parent_id'])
      .distinct()
      .where('g.path', '>=', path)
      .where('g.path', '<', pathUpperBound(path))
      .where('g.kind', '=', '党小组')
      .where('m.valid_from', '<', to)
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', from)]))
      .execute(),
  ]);
  const out = new Map<number, number[]>();
  for (const r of [...assigned, ...direct]) {
    if (r.parent_id === null) continue;
    const branch = Number(r.parent_id);
    const list = out.get(branch) ?? [];
    if (!list.includes(Number(r.id))) list.push(Number(r.id));
    out.set(branch, list);
  }
  return out;
}

export async function replaceComplianceTables(
  trx: Q,
  engine: 'sqlite' | 'postgres',
  rows: Array<{ org_id: number; org_path: string; type: string; period: string; held: number }>,
  counters: Array<{ ancestor_id: number; type: string; period: string; orgs_held: number }>,
): Promise<void> {
  await trx.deleteFrom('life_compliance').execute();
  await trx.deleteFrom('life_compliance_counters').execute();
  await bulkInsert(trx, engine, 'life_compliance', rows);
  await bulkInsert(trx, engine, 'life_compliance_counters', counters);
}

export async function allCompliance(db: Q) {
  const rows = await db
    .selectFrom('life_compliance')
    .select(['org_id', 'type', 'period', 'held'])
    .where('held', '>', 0)
    .execute();
  const counters = await db
    .selectFrom('life_compliance_counters')
    .select(['ancestor_id', 'type', 'period', 'orgs_held'])
    .where('orgs_held', '>', 0)
    .execute();
  return {
    rows: rows.map((r) => `${r.org_id}|${r.type}|${r.period}|${toCount(r.held)}`).sort(),
    counters: counters.map((r) => `${r.ancestor_id}|${r.type}|${r.period}|${toCount(r.orgs_held)}`).sort(),
  };
}

// ---------- organisations and their facts ----------

/** Organisations under `path` that can owe organisational life (branches and leadership teams). */
export async function obligedOrgsUnder(db: Q, path: string, kinds: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path', 'parent_id', 'established_on', 'dissolved_on', 'status'])
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .where('kind', 'in', kinds)
    .orderBy('path')
    .execute();
}

/**
 * Members and full members per organisation under `path` on a day. Read from the member-count
 * rollup (membership module), not by scanning every membership under `path`.
 */
export async function memberCountsUnder(
  db: Q,
  path: string,
  on: string,
): Promise<Map<number, { members: number; full: number }>> {
  return memberCountsByOrgOn(db, path, on);
}

/** Distinct people talked with per organisation under `path` in [from, to). */
export async function talkCoverageUnder(
  db: Q,
  path: string,
  from: string,
  to: string,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('life_talks')
    .select(['org_id', sql<number>`count(distinct talkee_person_id)`.as('n')])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('held_on', '>=', from)
    .where('held_on', '<', to)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), toCount(r.n)]));
}

// ---------- series, notifications, talks, attachments ----------

export async function insertSeries(trx: Q, row: Insertable<DB['life_series']>) {
  return trx.insertInto('life_series').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function seriesProgress(db: Q, seriesId: number) {
  return db
    .selectFrom('life_meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'o.id as org_id', 'o.code', 'o.name', 'm.status', 'm.held_on'])
    .where('m.series_id', '=', seriesId)
    .orderBy('o.path')
    .execute();
}

export async function findSeries(db: Q, id: number) {
  return db.selectFrom('life_series').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNotifications(
  trx: Q,
  rows: Insertable<DB['life_notifications']>[],
): Promise<void> {
  if (rows.length > 0) await insertChunked(trx, 'life_notifications', rows, 9);
}

export async function notificationsOf(db: Q, personId: number, limit: number) {
  return db
    .selectFrom('life_notifications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function undigested(db: Q, before: string) {
  return db
    .selectFrom('life_notifications as n')
    .leftJoin('users as u', 'u.person_id', 'n.person_id')
    .select(['n.id', 'n.person_id', 'n.title', 'u.username'])
    .where('n.digested_on', 'is', null)
    .where('n.read_at', 'is', null)
    .where('n.created_at', '<', before)
    .orderBy('n.person_id')
    .execute();
}

export async function markDigested(trx: Q, ids: readonly number[], on: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await trx
      .updateTable('life_notifications')
      .set({ digested_on: on })
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
}

export async function markRead(trx: Q, personId: number, id: number, at: string): Promise<number> {
  const r = await trx
    .updateTable('life_notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertTalk(trx: Q, row: Insertable<DB['life_talks']>) {
  return trx.insertInto('life_talks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function talksOf(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('life_talks as t')
    .innerJoin('persons as a', 'a.id', 't.talker_person_id')
    .innerJoin('persons as b', 'b.id', 't.talkee_person_id')
    .select([
      't.id',
      't.held_on',
      't.topic',
      't.follow_up',
      'a.name as talker',
      'b.name as talkee',
      't.talker_person_id',
      't.talkee_person_id',
    ])
    .where('t.org_id', '=', orgId)
    .where('t.held_on', '>=', from)
    .where('t.held_on', '<', to)
    .orderBy('t.held_on', 'desc')
    .execute();
}

export async function insertAttachment(trx: Q, row: Insertable<DB['life_attachments']>) {
  return trx.insertInto('life_attachments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Q, meetingId: number) {
  return db
    .selectFrom('life_attachments')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Q, id: number) {
  return db.selectFrom('life_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---------- annual plans ----------

export async function findPlan(db: Q, orgId: number, year: number) {
  return db
    .selectFrom('life_plans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function planItemsOf(db: Q, planId: number) {
  return db
    .selectFrom('life_plan_items')
    .select(['seq', 'period', 'type', 'theme'])
    .where('plan_id', '=', planId)
    .orderBy('seq')
    .execute();
}

export async function insertPlan(trx: Q, row: Insertable<DB['life_plans']>) {
  return trx.insertInto('life_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePlan(trx: Q, id: number, patch: Partial<Insertable<DB['life_plans']>>) {
  return trx
    .updateTable('life_plans')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replacePlanItems(
  trx: Q,
  planId: number,
  items: ReadonlyArray<{ period: string; type: string; theme: string }>,
): Promise<void> {
  await trx.deleteFrom('life_plan_items').where('plan_id', '=', planId).execute();
  if (items.length)
    await trx
      .insertInto('life_plan_items')
      .values(
        items.map((i, seq) => ({ plan_id: planId, seq, period: i.period, type: i.type, theme: i.theme })),
      )
      .execute();
}

/** Every plan of `year` under `path` with its items: two range scans. */
export async function plansUnder(db: Q, path: string, year: number) {
  const plans = await db
    .selectFrom('life_plans')
    .select(['id', 'org_id', 'status', 'submitted_at', 'acknowledged_at'])
    .where('year', '=', year)
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .execute();
  const items = await db
    .selectFrom('life_plan_items as i')
    .innerJoin('life_plans as p', 'p.id', 'i.plan_id')
    .select(['i.plan_id', 'i.seq', 'i.period', 'i.type', 'i.theme'])
    .where('p.year', '=', year)
    .where('p.org_path', '>=', path)
    .where('p.org_path', '<', pathUpperBound(path))
    .orderBy('i.plan_id')
    .orderBy('i.seq')
    .execute();
  return { plans, items };
}

/** Series issued by organisations under `path` with their meetings' progress: one grouped scan. */
export async function seriesUnder(db: Q, path: string, from: string, to: string) {
  const rows = await db
    .selectFrom('life_series as s')
    .innerJoin('orgs as o', 'o.id', 's.issuer_org_id')
    .leftJoin('life_meetings as m', 'm.series_id', 's.id')
    .select([
      's.id',
      's.type',
      's.theme',
      's.held_on',
      's.deadline',
      'o.name as issuer',
      sql<number>`count(m.id)`.as('total'),
      sql<number>`sum(case when m.status = 'held' then 1 else 0 end)`.as('done'),
    ])
    .where('s.org_path', '>=', path)
    .where('s.org_path', '<', pathUpperBound(path))
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<', to)
    .groupBy(['s.id', 's.type', 's.theme', 's.held_on', 's.deadline', 'o.name'])
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, total: toCount(r.total), done: toCount(r.done ?? 0) }));
}
