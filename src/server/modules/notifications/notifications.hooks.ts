// What the modules call inside their write transactions when an event notifies someone: one line
// at the event, the wording in src/core/notifications, the addressing here.
import type { Transaction } from 'kysely';
import {
  meetingScheduledNotice,
  transferDecidedNotice,
  type Notice,
  type TransferDecision,
} from '../../../core/notifications/notifications.rules.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { holdingRole, usersOfPersons } from './notifications.repository.ts';
import { notify, notifyPersons } from './notifications.service.ts';

/** A meeting was scheduled: the accounts of its expected attendees. */
export function notifyMeetingScheduled(
  ctx: AppContext,
  trx: Transaction<DB>,
  meeting: {
    id: number;
    title: string;
    type: string;
    held_on: string;
    start_time: string | null;
    place: string | null;
  },
  org: { name: string; path: string },
  personIds: readonly number[],
): Promise<number> {
  const notice = meetingScheduledNotice({
    id: meeting.id,
    title: meeting.title,
    type: meeting.type,
    orgName: org.name,
    heldOn: meeting.held_on,
    startTime: meeting.start_time,
    place: meeting.place,
  });
  return notifyAttendees(ctx, trx, notice, personIds, org.path);
}

/**
 * The meeting page is for those who keep the records (the web's route rules); an attendee who is
 * only a member gets the notice without a link: it carries the date, time and place itself.
 */
export async function notifyAttendees(
  ctx: AppContext,
  trx: Transaction<DB>,
  notice: Notice,
  personIds: readonly number[],
  orgPath: string,
): Promise<number> {
  const users = await usersOfPersons(trx, personIds);
  const staff = await holdingRole(trx, users, ['org_admin', 'worker']);
  return (
    (await notify(ctx, trx, { ...notice, recipients: users.filter((u) => staff.has(u)), orgPath })) +
    (await notify(ctx, trx, {
      ...notice,
      link: null,
      recipients: users.filter((u) => !staff.has(u)),
      orgPath,
    }))
  );
}

/** A member's transfer request was taken up or declined: the member's account. */
export function notifyTransferDecided(
  ctx: AppContext,
  trx: Transaction<DB>,
  request: {
    id: number;
    person_id: number;
    org_path: string;
    to_org_name: string | null;
    outside_org_name: string | null;
  },
  decision: TransferDecision,
  reason?: string | null,
): Promise<number> {
  const notice = transferDecidedNotice({
    id: request.id,
    decision,
    destination: request.to_org_name ?? request.outside_org_name ?? '其他党组织',
    reason: reason ?? null,
  });
  return notifyPersons(ctx, trx, [Number(request.person_id)], notice, request.org_path);
}
