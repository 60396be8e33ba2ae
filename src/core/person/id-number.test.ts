import { describe, expect, it } from 'vitest';
import { checkCharacter, maskIdNumber, maskPhone, normaliseIdNumber, parseIdNumber } from './id-number.ts';

// A valid number built from its parts, so the tests do not depend on any real person.
const valid = (first17: string) => first17 + checkCharacter(first17);

describe('公民身份号码', () => {
  it.each([
    ['a valid male number', valid('11010519491231002'), { ok: true, gender: '女' }],
    ['a valid number with odd sequence is male', valid('33010219800101001'), { ok: true, gender: '男' }],
    ['a wrong check digit', '110105194912310020'.slice(0, 17) + (checkCharacter('11010519491231002') === '0' ? '1' : '0'), { ok: false, code: 'ID_CHECK_DIGIT' }],
    ['17 digits', '11010519491231002', { ok: false, code: 'ID_FORMAT' }],
    ['an impossible birth date (Feb 30)', valid('11010519490230002'), { ok: false, code: 'ID_BIRTH_DATE' }],
    ['29 Feb of a leap year', valid('11010520000229002'), { ok: true, gender: '女' }],
    ['29 Feb of a common year', valid('11010520010229002'), { ok: false, code: 'ID_BIRTH_DATE' }],
  ])('%s', (_name, id, expected) => {
    const result = parseIdNumber(id);
    expect(result.ok).toBe(expected.ok);
    if (result.ok && 'gender' in expected) expect(result.value.gender).toBe(expected.gender);
    if (!result.ok && 'code' in expected) expect(result.code).toBe(expected.code);
  });

  it('normalises full-width digits, spaces and a lower-case x', () => {
    expect(normaliseIdNumber(' １１０１０５１９４９１２３１００２x ')).toBe('11010519491231002X');
  });

  it('extracts the birth date', () => {
    const r = parseIdNumber(valid('33010219800101001'));
    expect(r.ok && r.value.birthDate).toBe('1980-01-01');
  });

  it('masks', () => {
    expect(maskIdNumber('330102198001010012')).toBe('3301**********0012');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88886666')).toBe('0571****6666');
  });
});
