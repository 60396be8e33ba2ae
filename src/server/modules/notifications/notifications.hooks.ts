// What the modules call inside their write transactions when an event notifies someone: one line
// at the event, the wording in src/core/notifications, the addressing here.
import type { Transaction } from 'kysely';
import {
  meetingScheduledNotice,
  transferDecidedNotice,
  type TransferDecision,
} from '../../../core/notifications/notifications.rules.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { notifyPersons } from './notifications.service.ts';

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
  return notifyPersons(ctx, trx, personIds, notice, org.path);
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
