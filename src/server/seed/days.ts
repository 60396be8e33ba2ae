// Fast ISO-date arithmetic for the generator's hot loop (millions of calls at province
// scale), with integer civil-calendar conversions instead of Date objects. Same results as
// core/shared/dates.ts: addYears clamps Feb 29 to Feb 28 (checked in seed.test.ts).

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDays(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const two = (n: number) => (n < 10 ? '0' + n : String(n));

/** ISO date for a day number (civil_from_days). */
export function fromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
}

export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Same month and day n years on; Feb 29 becomes Feb 28 in a common year. */
export function addYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  const md = iso.slice(5);
  if (md === '02-29' && !isLeap(y)) return `${String(y).padStart(4, '0')}-02-28`;
  return `${String(y).padStart(4, '0')}-${md}`;
}

export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}
