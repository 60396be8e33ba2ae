// Cross-subtree cases for the roster module's routes (issue 4); test/route-policy.test.ts runs them.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';
import { insertOrg } from '../orgs/orgs.repository.ts';
import { runImport } from './roster.import.ts';
import { insertExternal } from './roster-external.repository.ts';
import { insertRegistration, insertService } from './roster-community.repository.ts';
import { insertFloating } from './roster-floating.repository.ts';
import { insertDiscipline } from './roster-discipline.repository.ts';
import { insertRequest } from './roster-request.repository.ts';
import { insertTransfer } from './roster.repository.ts';
import { buildSampleWorkbook, validSampleRow } from './roster.sample-workbook.ts';

export const rosterAuthzCases: AuthzCases = {
  foreignBody: (t) => foreignBody(t),
  unscopedBodyIds: {
    'PATCH /api/roster/members/:id/profile communityOrgId':
      '报到社区党组织: an in-service member reports to the community where they live, in any subtree (POST /api/roster/community-service names it by code for the same reason); the service checks it exists and is active',
  },
  cases: async (t) => {
    const { townB, branchB, users } = t.fixture;
    const now = t.ctx.now().toISOString();
    const personB = await t.ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    // An import job of township B (a dry run with one row that has an error, so it has an error workbook).
    const { jobId } = await runImport(t.ctx, {
      buffer: await buildSampleWorkbook([{ ...validSampleRow(1, 'TB-1'), 联系电话: '123' }]),
      scopePath: townB.path,
      actor: { userId: users.adminB, username: 'admin_b' },
      dryRun: true,
      allowPartial: false,
      fileName: 'b.xlsx',
    });
    // A transfer between two branches of township B.
    const transferId = await t.ctx.db.transaction().execute(async (trx) => {
      // cases() runs more than once per engine: reuse the branch made the first time.
      const b2 =
        (await trx
          .selectFrom('orgs')
          .select(['id', 'path'])
          .where('code', '=', 'TB-AUTHZ')
          .executeTakeFirst()) ??
        (await insertOrg(
          trx,
          {
            code: 'TB-AUTHZ',
            name: '乙镇北村党支部',
            short_name: null,
            kind: '党支部',
            sector: '农村',
            parent_id: townB.id,
            unit_names: '[]',
            established_on: '2000-01-01',
            status: 'active',
            created_at: now,
            updated_at: now,
          },
          townB.path,
        ));
      return insertTransfer(trx, {
        person_id: personB.person_id,
        from_org_id: branchB.id,
        from_org_path: branchB.path,
        to_org_id: b2.id,
        to_org_path: b2.path,
        approver_path: null,
        reached_receiver: 1,
        status: 'pending_acceptance',
        reason: '工作调动',
        return_reason: null,
        initiated_by: 'admin_b',
        initiated_at: now,
        approved_by: null,
        approved_at: null,
        decided_by: null,
        decided_at: null,
        effective_on: null,
        updated_at: now,
      });
    });
    const p = personB.person_id;
    // A letter out of the system issued by township B.
    const externalId = await t.ctx.db.transaction().execute((trx) =>
      insertExternal(trx, {
        direction: 'out',
        person_id: p,
        person_name: '乙镇党员',
        org_id: branchB.id,
        org_path: branchB.path,
        other_org_name: '外省某党支部',
        letter_number: '2026组外转字第99999号',
        reason: '工作调动',
        issued_on: '2026-11-01',
        valid_until: '2026-12-01',
        slip_returned_on: null,
        status: 'letter_issued',
        created_by: 'admin_b',
        created_at: now,
        updated_at: now,
      }),
    );
    // A 流动党员 registration of township B (out-flow, abroad for study).
    const floatingId = await t.ctx.db.transaction().execute((trx) =>
      insertFloating(trx, {
        person_id: p,
        person_name: '乙镇党员',
        org_id: branchB.id,
        org_path: branchB.path,
        direction: 'out',
        kind: 'abroad_study',
        destination: '英国伦敦',
        origin: null,
        since: '2026-01-10',
        ended_on: null,
        created_by: 'admin_b',
        created_at: now,
        updated_at: now,
      }),
    );
    // A member's own transfer request in township B.
    const requestId = await t.ctx.db.transaction().execute((trx) =>
      insertRequest(trx, {
        person_id: p,
        org_id: branchB.id,
        org_path: branchB.path,
        destination_kind: 'outside',
        to_org_id: null,
        outside_org_name: '外省某党支部',
        reason: '工作调动',
        status: 'open',
        decline_reason: null,
        transfer_id: null,
        external_id: null,
        requested_by: 'member_b',
        created_at: now,
        decided_by: null,
        decided_at: null,
        updated_at: now,
      }),
    );
    // A member of township B registered with a community branch of township B (在职党员到社区报到).
    const registrationId = await t.ctx.db.transaction().execute(async (trx) => {
      const community =
        (await trx
          .selectFrom('orgs')
          .select(['id', 'path'])
          .where('code', '=', 'TB-SQ-AUTHZ')
          .executeTakeFirst()) ??
        (await insertOrg(
          trx,
          {
            code: 'TB-SQ-AUTHZ',
            name: '乙镇幸福社区党支部',
            short_name: null,
            kind: '党支部',
            sector: '社区',
            parent_id: townB.id,
            unit_names: '[]',
            established_on: '2000-01-01',
            status: 'active',
            created_at: now,
            updated_at: now,
          },
          townB.path,
        ));
      return insertRegistration(trx, {
        person_id: p,
        home_org_id: branchB.id,
        home_org_path: branchB.path,
        community_org_id: community.id,
        community_org_path: community.path,
        registered_on: '2026-01-10',
        ended_on: null,
        created_by: 'admin_b',
        created_at: now,
        updated_at: now,
      });
    });
    const serviceId = await t.ctx.db.transaction().execute((trx) =>
      insertService(trx, {
        registration_id: registrationId,
        served_on: '2026-02-01',
        activity: '社区清扫',
        half_hours: 4,
        recorded_by: 'admin_b',
        created_at: now,
      }),
    );
    // A 留党察看 record of a township-B member (issue 16).
    const disciplineId = (
      await t.ctx.db.transaction().execute((trx) =>
        insertDiscipline(trx, {
          person_id: p,
          org_id: branchB.id,
          org_path: branchB.path,
          kind: '留党察看',
          start_on: '2026-01-10',
          end_on: '2027-01-10',
          decision_no: '乙纪〔2026〕1号',
          reason: null,
          ended_on: null,
          end_outcome: null,
          end_note: null,
          created_by: 'admin_b',
          created_at: now,
          updated_at: now,
        }),
      )
    ).id;
    return {
      'GET /api/roster/community-service': { url: `/api/roster/community-service?orgId=${townB.id}` },
      'POST /api/roster/community-service': {
        url: '/api/roster/community-service',
        body: { personId: p, communityOrgCode: 'TB-SQ-AUTHZ', registeredOn: '2026-01-10' },
      },
      'GET /api/roster/community-service/:id': { url: `/api/roster/community-service/${registrationId}` },
      'POST /api/roster/community-service/:id/services': {
        url: `/api/roster/community-service/${registrationId}/services`,
        body: { servedOn: '2026-03-01', activity: '越权记录', hours: 2 },
      },
      'PATCH /api/roster/community-service/:id/services/:serviceId': {
        url: `/api/roster/community-service/${registrationId}/services/${serviceId}`,
        body: { hours: 8 },
      },
      'DELETE /api/roster/community-service/:id/services/:serviceId': {
        url: `/api/roster/community-service/${registrationId}/services/${serviceId}`,
      },
      'POST /api/roster/community-service/:id/end': {
        url: `/api/roster/community-service/${registrationId}/end`,
        body: { endedOn: '2026-03-01', reason: '越权结束' },
      },
      // Another person's request: refused (and logged) even for an admin, whatever the scope.
      'POST /api/roster/me/transfer-request/:id/withdraw': {
        url: `/api/roster/me/transfer-request/${requestId}/withdraw`,
      },
      'GET /api/roster/transfer-requests': { url: `/api/roster/transfer-requests?orgId=${townB.id}` },
      'POST /api/roster/transfer-requests/:id/convert': {
        url: `/api/roster/transfer-requests/${requestId}/convert`,
      },
      'POST /api/roster/transfer-requests/:id/decline': {
        url: `/api/roster/transfer-requests/${requestId}/decline`,
        body: { reason: '越权' },
      },
      'GET /api/roster/imports/:id': { url: `/api/roster/imports/${jobId}` },
      'GET /api/roster/imports/:id/errors.xlsx': { url: `/api/roster/imports/${jobId}/errors.xlsx` },
      'GET /api/roster/members': { url: `/api/roster/members?orgId=${townB.id}` },
      'GET /api/roster/members/:id': { url: `/api/roster/members/${p}` },
      'POST /api/roster/members/:id/reveal': { url: `/api/roster/members/${p}/reveal` },
      'POST /api/roster/members/:id/discipline': {
        url: `/api/roster/members/${p}/discipline`,
        body: { kind: '留党察看', startOn: '2026-03-01', years: 1, decisionNo: '越权〔2026〕1号' },
      },
      'POST /api/roster/members/:id/discipline/:disciplineId/end': {
        url: `/api/roster/members/${p}/discipline/${disciplineId}/end`,
        body: { on: '2026-06-01', outcome: '撤销处分' },
      },
      'PATCH /api/roster/members/:id/profile': {
        url: `/api/roster/members/${p}/profile`,
        body: { hardship: true },
      },
      'GET /api/roster/export.xlsx': { url: `/api/roster/export.xlsx?orgId=${townB.id}` },
      'GET /api/roster/structure': { url: `/api/roster/structure?orgId=${townB.id}` },
      'GET /api/roster/structure.xlsx': { url: `/api/roster/structure.xlsx?orgId=${townB.id}` },
      'GET /api/roster/transfers': { url: `/api/roster/transfers?orgId=${townB.id}` },
      'POST /api/roster/transfers': {
        url: '/api/roster/transfers',
        body: { personId: p, toOrgCode: 'TA-1', reason: '越权转接' },
      },
      'GET /api/roster/transfers/:id': { url: `/api/roster/transfers/${transferId}` },
      'GET /api/roster/external-transfers': { url: `/api/roster/external-transfers?orgId=${townB.id}` },
      'POST /api/roster/external-transfers': {
        url: '/api/roster/external-transfers',
        body: { direction: 'out', personId: p, otherOrgName: '外省某党支部', reason: '越权' },
      },
      'POST /api/roster/external-transfers/:id/slip': {
        url: `/api/roster/external-transfers/${externalId}/slip`,
        body: { returnedOn: '2026-11-10' },
      },
      'GET /api/roster/external-transfers/:id/letter': {
        url: `/api/roster/external-transfers/${externalId}/letter`,
      },
      'GET /api/roster/floating': { url: `/api/roster/floating?orgId=${townB.id}` },
      'GET /api/roster/graduates': { url: `/api/roster/graduates?orgId=${townB.id}` },
      'POST /api/roster/floating': {
        url: '/api/roster/floating',
        body: { direction: 'out', kind: 'domestic', personId: p, destination: '杭州市', since: '2026-01-01' },
      },
      'GET /api/roster/floating/:id': { url: `/api/roster/floating/${floatingId}` },
      'POST /api/roster/floating/:id/contacts': {
        url: `/api/roster/floating/${floatingId}/contacts`,
        body: { contactedOn: '2026-02-01', method: '电话' },
      },
      'POST /api/roster/floating/:id/end': {
        url: `/api/roster/floating/${floatingId}/end`,
        body: { endedOn: '2026-02-01' },
      },
      'GET /api/roster/transfers/:id/letter': { url: `/api/roster/transfers/${transferId}/letter` },
      'POST /api/roster/transfers/:id/actions': {
        url: `/api/roster/transfers/${transferId}/actions`,
        body: { action: 'accept' },
      },
    };
  },
  noSubject: {
    'GET /api/roster/transfer-targets':
      'a deliberate exception to subtree scope (docs/security.md): the branch receiving a transfer is usually outside the caller subtree, so any signed-in member or worker may look up active branches by name or code; it answers id, code, name and parent name only, no members and no figures (roster-transfer-targets.api.test.ts)',
    'GET /api/roster/import-template.xlsx': 'a blank template: no per-object subject',
    'POST /api/roster/imports':
      'imports into the caller scope only; codes outside it are row errors (roster.api.test.ts)',
    'GET /api/roster/me': 'the caller only',
    'POST /api/roster/me/transfer-request':
      'the caller only: the person comes from the account, a personId in the body is refused (roster-request.api.test.ts)',
  },
};

/** Bodies valid for township A but for one id, which names township B's member or branch (issue 17). */
async function foreignBody(t: TestApp): Promise<ForeignBodyCase[]> {
  const { branchA, branchB, secretaryA } = t.fixture;
  const personB = (
    await t.ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
  ).person_id;
  const inFlow = { direction: 'in', kind: 'domestic', destination: '甲镇东村', origin: '乙镇南村党支部', since: '2026-11-01' };
  return [
    {
      route: 'PATCH /api/roster/members/:id/profile',
      field: 'groupOrgId',
      url: `/api/roster/members/${secretaryA}/profile`,
      body: { groupOrgId: branchB.id },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/roster/transfers',
      field: 'personId',
      url: '/api/roster/transfers',
      body: { personId: personB, toOrgCode: 'TA-2', reason: '工作调动' },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/roster/external-transfers',
      field: 'personId',
      url: '/api/roster/external-transfers',
      body: { direction: 'out', personId: personB, otherOrgName: '外省某党支部', reason: '工作调动' },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/roster/external-transfers',
      field: 'orgId',
      url: '/api/roster/external-transfers',
      body: {
        direction: 'in',
        orgId: branchB.id,
        personName: '外来党员',
        otherOrgName: '外省某党支部',
        letterNumber: '外省组转字第1号',
        receivedOn: '2026-11-01',
      },
      kind: 'org',
      foreignId: branchB.id,
    },
    // The reproduction: an in-flow into branch A naming township B's member answered 201 with the name.
    {
      route: 'POST /api/roster/floating',
      field: 'personId',
      url: '/api/roster/floating',
      body: { ...inFlow, personId: personB, orgId: branchA.id },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/roster/floating',
      field: 'personId',
      url: '/api/roster/floating',
      body: { direction: 'out', kind: 'domestic', personId: personB, destination: '杭州市', since: '2026-11-01' },
      kind: 'person',
      foreignId: personB,
    },
    {
      route: 'POST /api/roster/floating',
      field: 'orgId',
      url: '/api/roster/floating',
      body: { ...inFlow, personName: '外来党员', orgId: branchB.id },
      kind: 'org',
      foreignId: branchB.id,
    },
    {
      route: 'POST /api/roster/community-service',
      field: 'personId',
      url: '/api/roster/community-service',
      body: { personId: personB, communityOrgCode: 'TA-2', registeredOn: '2026-11-01' },
      kind: 'person',
      foreignId: personB,
    },
  ];
}
