// What the security administrator does to another account (三员分立: the system administrator
// creates accounts; the security administrator grants roles, unlocks, resets passwords and
// re-enables). Pure rules; the service loads the facts and the route checks the role.
import { checkPassword, type PasswordPolicy } from './password-policy.ts';
import { refuse, ok, type Decision } from '../shared/result.ts';

export type AccountAction = 'reset_password' | 'enable';

export interface AccountActionFacts {
  /** Roles of the account that acts. */
  actorRoles: readonly string[];
  /** The action is on the actor's own account. */
  toSelf: boolean;
  /** The target account is disabled now. */
  targetDisabled: boolean;
}

const ACTION_LABEL: Record<AccountAction, string> = { reset_password: '重置口令', enable: '启用账号' };

export function decideAccountAction(action: AccountAction, facts: AccountActionFacts): Decision {
  if (!facts.actorRoles.includes('security_admin'))
    return refuse('ACCOUNT_ACTION_FORBIDDEN', `三员分立：只有安全管理员可以${ACTION_LABEL[action]}`);
  // Resetting one's own password would let the security administrator skip the current one.
  if (facts.toSelf)
    return refuse('ACCOUNT_ACTION_SELF', `三员分立：安全管理员不能对自己的账号${ACTION_LABEL[action]}`);
  if (action === 'enable' && !facts.targetDisabled)
    return refuse('ACCOUNT_NOT_DISABLED', '该账号未停用，无需启用');
  if (action === 'reset_password' && facts.targetDisabled)
    return refuse('ACCOUNT_DISABLED', '该账号已停用：请先启用，再重置口令');
  return ok(undefined);
}

// Alphabets without look-alikes (0/O, 1/l/I), so an initial password read out or copied by hand
// is typed right the first time.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_@#%+=';

/**
 * A one-time initial password that passes the password policy for `username`: groups of four
 * characters from every class. `randomInt(n)` returns a uniform integer in [0, n) (crypto in the
 * service, a fixed sequence in tests).
 */
export function generateInitialPassword(
  username: string,
  policy: PasswordPolicy,
  randomInt: (n: number) => number,
): string {
  const length = Math.max(16, policy.minLength);
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)]!;
  for (let tries = 0; tries < 100; tries++) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    // Shuffle so the classes are not always in the same places.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPassword(password, username, policy).ok) return password;
  }
  throw new Error('无法生成符合口令策略的初始口令');
}
