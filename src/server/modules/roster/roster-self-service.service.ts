// Roster services: self-service for the signed-in member.
import { hoursInYear } from '../../../core/roster/community.rules.ts';
import { ageOn } from '../../../core/shared/dates.ts';
import type { Actor, AppContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { holdersOn } from '../membership/membership.repository.ts';
import { today } from './roster-common.service.ts';
import { activeRegistrationOf, findRegistration, servicesOf } from './roster-community.repository.ts';
import { latestRequestOf } from './roster-request.repository.ts';
import { presentRequest } from './roster.presenter.ts';
import * as repo from './roster.repository.ts';

export async function myRecord(ctx: AppContext, actor: Actor) {
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (!personId) throw notFound('本人党员档案（账号未关联党员）');
  const on = today(ctx);
  const row = await repo.memberById(ctx.db, personId, on);
  if (!row) throw notFound('本人党员档案');
  const secretary = row.org_id ? (await holdersOn(ctx.db, Number(row.org_id), '书记', on))[0] : undefined;
  const transfers = await ctx.db
    .selectFrom('roster_transfers')
    .select(['id', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['pending_approval', 'pending_acceptance'])
    .execute();
  const latest = await latestRequestOf(ctx.db, personId);
  const reg = await activeRegistrationOf(ctx.db, personId);
  const regRow = reg ? await findRegistration(ctx.db, Number(reg.id)) : undefined;
  const year = Number(on.slice(0, 4));
  const served = regRow
    ? (await servicesOf(ctx.db, [Number(regRow.id)], `${year}-01-01`, `${year}-12-31`)).map((x) => ({
        servedOn: x.served_on,
        halfHours: Number(x.half_hours),
      }))
    : [];
  return {
    data: {
      name: row.name,
      gender: row.gender,
      ethnicity: row.ethnicity,
      education: row.education,
      birthDate: row.birth_date,
      category: row.category,
      joinedOn: row.joined_on,
      fullMemberOn: row.full_member_on,
      idNumber: row.id_number_masked,
      phone: row.phone_masked,
      partyYears: row.joined_on ? ageOn(row.joined_on, on) : null,
      org: row.org_id ? { id: Number(row.org_id), name: row.org_name, code: row.org_code } : null,
      secretary: secretary ? { name: secretary.name, since: secretary.since } : null,
      openTransfer: transfers[0] ? { id: Number(transfers[0].id), status: transfers[0].status } : null,
      transferRequest: latest ? presentRequest(latest) : null,
      community: regRow
        ? {
            name: regRow.community_org_name,
            registeredOn: regRow.registered_on,
            year,
            hours: hoursInYear(served, year),
          }
        : null,
    },
  };
}
