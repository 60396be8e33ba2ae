// Test helpers of the development module: valid 公民身份号码 for a birth date.
import { checkCharacter } from '../../../core/person/id-number.ts';

/** A valid ID number: area 330102, the birth date, a sequence (odd = male). */
export function makeIdNumber(birthDate: string, seq = 101): string {
  const first17 = `330102${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
