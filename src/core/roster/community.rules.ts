// 在职党员到社区报到: volunteer service records and their totals. Pure: facts in, decision out.
import { ok, refuse, type Decision } from '../shared/result.ts';

/** Checks one service record and returns its length in half hours. */
export function checkService(f: {
  servedOn: string;
  hours: number;
  registeredOn: string;
  endedOn: string | null;
  today: string;
  minHours: number;
  maxHours: number;
}): Decision<number> {
  if (!Number.isFinite(f.hours) || f.hours < f.minHours || f.hours > f.maxHours)
    return refuse('HOURS_OUT_OF_RANGE', `服务时长应在${f.minHours}至${f.maxHours}小时之间`, 'hours');
  if (!Number.isInteger(f.hours * 2))
    return refuse('HOURS_NOT_HALF', '服务时长按半小时计（如1、1.5、2）', 'hours');
  if (f.servedOn > f.today) return refuse('SERVED_IN_FUTURE', '服务日期不能晚于今天', 'servedOn');
  if (f.servedOn < f.registeredOn)
    return refuse('SERVED_BEFORE_REGISTRATION', `服务日期不能早于报到日期（${f.registeredOn}）`, 'servedOn');
  if (f.endedOn !== null && f.servedOn > f.endedOn)
    return refuse('SERVED_AFTER_END', `服务日期不能晚于报到结束日期（${f.endedOn}）`, 'servedOn');
  return ok(f.hours * 2);
}

/** 在册 while the registration runs, 已结束 once it has an end date. */
export type RegistrationStatus = 'active' | 'ended';
export const REGISTRATION_STATUS_LABEL: Record<RegistrationStatus, string> = {
  active: '在册',
  ended: '已结束',
};
export const registrationStatus = (endedOn: string | null): RegistrationStatus =>
  endedOn === null ? 'active' : 'ended';

/** An ended registration takes no new service records (corrections of old ones stay possible). */
export function checkMayRecord(endedOn: string | null): Decision {
  return endedOn === null
    ? ok(undefined)
    : refuse('REGISTRATION_ENDED', `该党员的社区报到已于${endedOn}结束，不能再记录志愿服务`);
}

/**
 * 报到结束 (moved house, changed job): the end date lies between the registration date and today,
 * and not before the last recorded service (which would then fall after the end).
 */
export function checkEnd(f: {
  registeredOn: string;
  endedOn: string | null;
  endOn: string;
  today: string;
  lastServedOn: string | null;
}): Decision {
  if (f.endedOn !== null) return refuse('REGISTRATION_ENDED', `该社区报到已于${f.endedOn}结束`);
  if (f.endOn > f.today) return refuse('ENDED_IN_FUTURE', '结束日期不能晚于今天', 'endedOn');
  if (f.endOn < f.registeredOn)
    return refuse('ENDED_BEFORE_REGISTRATION', `结束日期不能早于报到日期（${f.registeredOn}）`, 'endedOn');
  if (f.lastServedOn !== null && f.endOn < f.lastServedOn)
    return refuse(
      'ENDED_BEFORE_LAST_SERVICE',
      `结束日期不能早于最近一次志愿服务的日期（${f.lastServedOn}）`,
      'endedOn',
    );
  return ok(undefined);
}

/** Hours in each month (index 0 = January) of `year`, from records of any years. */
export function hoursByMonth(
  records: ReadonlyArray<{ servedOn: string; halfHours: number }>,
  year: number,
): number[] {
  const months = Array.from({ length: 12 }, () => 0);
  const prefix = `${year}-`;
  for (const r of records) {
    if (!r.servedOn.startsWith(prefix)) continue;
    months[Number(r.servedOn.slice(5, 7)) - 1]! += r.halfHours;
  }
  return months.map((h) => h / 2);
}

/** Total hours of `year`. */
export function hoursInYear(
  records: ReadonlyArray<{ servedOn: string; halfHours: number }>,
  year: number,
): number {
  return hoursByMonth(records, year).reduce((a, b) => a + b, 0);
}
