// Cross-user cases for the notification routes; test/route-policy.test.ts runs them.
import type { AuthzCases } from '../../../../test/authz-types.ts';
import { notify } from './notifications.service.ts';

export const notificationsAuthzCases: AuthzCases = {
  // A notification of township B's admin: admin_a marking it read gets 404 and a denial row.
  cases: async (t) => {
    const path = t.fixture.townB.path;
    const id = await t.ctx.db.transaction().execute(async (trx) => {
      await notify(t.ctx, trx, {
        kind: 'term.due',
        title: '换届提醒：乙镇党委',
        body: '乙镇党委本届任期将于2027-03-01届满，请按期做好换届准备。',
        link: `/orgs/${t.fixture.townB.id}/org-system`,
        dedupeKey: 'authz-case',
        recipients: [t.fixture.users.adminB],
        orgPath: path,
      });
      const row = await trx
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', t.fixture.users.adminB)
        .where('dedupe_key', '=', 'authz-case')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    });
    return { 'POST /api/notifications/:id/read': { url: `/api/notifications/${id}/read` } };
  },
  noSubject: {
    'GET /api/notifications': "the caller's own notifications only",
    'POST /api/notifications/read-all': "acts on the caller's own notifications only",
  },
};
