// 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence
// (odd = male), and an ISO 7064 MOD 11-2 check character.
import { isIsoDate } from '../shared/dates.ts';
import { refuse, ok, type Decision } from '../shared/result.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Full-width digits → ASCII, trims, upper-cases a trailing x. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[０-９Ｘｘ]/g, (c) => (c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .trim()
    .toUpperCase();
}

export interface IdNumberFacts {
  normalised: string;
  birthDate: string;
  gender: '男' | '女';
}

export function parseIdNumber(raw: string): Decision<IdNumberFacts> {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return refuse('ID_FORMAT', '公民身份号码应为18位，末位为数字或X', 'idNumber');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return refuse('ID_BIRTH_DATE', '公民身份号码中的出生日期无效', 'idNumber');
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return refuse('ID_CHECK_DIGIT', '公民身份号码校验位错误', 'idNumber');
  const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
  return ok({ normalised: id, birthDate, gender });
}

/** 3301**********1234 */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 138****5678; landlines keep the area code and the last 4. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return phone.slice(0, 3) + '****' + phone.slice(7);
  return phone.length <= 4 ? '*'.repeat(phone.length) : phone.slice(0, Math.min(4, phone.length - 4)) + '****' + phone.slice(-4);
}
