import { refuse, ok, type Decision } from '../shared/result.ts';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
  /** A passphrase this long needs no character classes (ASVS). */
  passphraseLength: number;
}

/** 等保 profile defaults (security.md). */
export const DENGBAO_POLICY: PasswordPolicy = { minLength: 8, maxLength: 128, minClasses: 3, passphraseLength: 64 };

// A small bundled list of the most common passwords and their obvious variants; compared
// case-insensitively after removing a trailing run of digits and symbols.
const COMMON = new Set([
  'password', 'passw0rd', 'qwerty', 'qwertyuiop', 'abc123', 'admin', 'administrator', 'root', 'welcome', 'letmein',
  'iloveyou', 'changeme', 'dangjian', 'zuzhibu', 'woaini', 'a1b2c3', 'aa123456', 'asdfgh', 'zxcvbn', 'p@ssw0rd',
  'p@ssword', 'admin@123', 'test', 'guest', 'user', '123456', '12345678', '123456789', '1qaz2wsx', 'qazwsx',
]);

function classesOf(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/\d/.test(password)) n++;
  if (/[^A-Za-z0-9]/.test(password)) n++;
  return n;
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/, '');
  return COMMON.has(lower) || (stem.length > 0 && COMMON.has(stem)) || /^(.)\1+$/.test(lower);
}

export function checkPassword(password: string, username: string, policy: PasswordPolicy = DENGBAO_POLICY): Decision {
  if (password.length > policy.maxLength) return refuse('PASSWORD_TOO_LONG', `口令不能超过${policy.maxLength}位`, 'newPassword');
  if (password.length < policy.minLength) return refuse('PASSWORD_TOO_SHORT', `口令至少${policy.minLength}位`, 'newPassword');
  if (password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return refuse('PASSWORD_CONTAINS_USERNAME', '口令不能包含用户名', 'newPassword');
  if (isCommonPassword(password)) return refuse('PASSWORD_COMMON', '口令过于常见，请换一个', 'newPassword');
  if (password.length < policy.passphraseLength && classesOf(password) < policy.minClasses)
    return refuse(
      'PASSWORD_CLASSES',
      `口令须包含大写字母、小写字母、数字、符号中的至少${policy.minClasses}类（或使用${policy.passphraseLength}位以上的短语）`,
      'newPassword',
    );
  return ok(undefined);
}
