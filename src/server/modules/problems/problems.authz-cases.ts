// Cross-subtree cases for the 问题清单 routes; test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';

/** An open alert and a held 组织生活会 of an organisation, written directly (test data). */
export async function problemSubjects(t: TestApp, org: { id: number; path: string }, tag: string) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const alert = await db
    .insertInto('alerts')
    .values({
      code: 'LIFE_MISSED',
      severity: 'orange',
      org_id: org.id,
      org_path: org.path,
      subject_type: 'org-life-type',
      subject_id: `${org.id}:problems-${tag}`,
      subject_label: `${tag}党支部`,
      since: chinaDate(t.ctx.now()),
      due: null,
      detail: '2026年支部委员会会议未达标（应12次，已开8次）',
      role: 'worker',
      link: `/orgs/${org.id}/org-life`,
      is_open: 1,
      opened_at: now,
      closed_at: null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meeting = await db
    .insertInto('life_meetings')
    .values({
      org_id: org.id,
      org_path: org.path,
      type: '组织生活会',
      title: `${tag}2026年度组织生活会`,
      held_on: addDays(chinaDate(t.ctx.now()), -3),
      start_time: null,
      place: '党员活动室',
      status: 'held',
      series_id: null,
      agenda: null,
      minutes: '对照检查，开展批评和自我批评。',
      resolutions: null,
      speaker: null,
      topic: null,
      minutes_chars: 15,
      recorded_on: chinaDate(t.ctx.now()),
      expected_count: 0,
      present_count: 0,
      leave_count: 0,
      absent_count: 0,
      excluded_count: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { alertId: alert.id, meetingId: meeting.id };
}

const built = new WeakMap<
  TestApp,
  Promise<{ a: { alertId: number; meetingId: number }; b: { alertId: number; meetingId: number } }>
>();
const subjects = (t: TestApp) => {
  let s = built.get(t);
  if (!s) {
    s = (async () => ({
      a: await problemSubjects(t, t.fixture.branchA, '甲镇东村'),
      b: await problemSubjects(t, t.fixture.branchB, '乙镇南村'),
    }))();
    built.set(t, s);
  }
  return s;
};

const deadline = (t: TestApp) => addDays(chinaDate(t.ctx.now()), 30);

export const problemsAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { b } = await subjects(t);
    return {
      'GET /api/problems': { url: `/api/problems?orgId=${t.fixture.townB.id}` },
      'POST /api/problems/from-alert': {
        url: '/api/problems/from-alert',
        body: { alertId: b.alertId, deadline: deadline(t) },
      },
      'POST /api/problems/from-meeting': {
        url: '/api/problems/from-meeting',
        body: { meetingId: b.meetingId, problems: [{ title: '学习不够系统', deadline: deadline(t) }] },
      },
    };
  },
  noSubject: {},
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const { a, b } = await subjects(t);
    const personB = (
      await t.ctx.db
        .selectFrom('memberships')
        .select('person_id')
        .where('org_id', '=', t.fixture.branchB.id)
        .where('valid_to', 'is', null)
        .orderBy('person_id')
        .executeTakeFirstOrThrow()
    ).person_id;
    const d = deadline(t);
    return [
      {
        route: 'POST /api/problems/from-alert',
        field: 'alertId',
        url: '/api/problems/from-alert',
        body: { alertId: b.alertId, deadline: d },
        kind: 'alert',
        foreignId: b.alertId,
      },
      {
        route: 'POST /api/problems/from-alert',
        field: 'ownerPersonId',
        url: '/api/problems/from-alert',
        body: { alertId: a.alertId, deadline: d, ownerPersonId: personB },
        kind: 'person',
        foreignId: personB,
      },
      {
        route: 'POST /api/problems/from-meeting',
        field: 'meetingId',
        url: '/api/problems/from-meeting',
        body: { meetingId: b.meetingId, problems: [{ title: '学习不够系统', deadline: d }] },
        kind: 'meeting',
        foreignId: b.meetingId,
      },
      {
        route: 'POST /api/problems/from-meeting',
        field: 'problems[].ownerPersonId',
        url: '/api/problems/from-meeting',
        body: {
          meetingId: a.meetingId,
          problems: [{ title: '联系群众不够', deadline: d, ownerPersonId: personB }],
        },
        kind: 'person',
        foreignId: personB,
      },
    ];
  },
};
