// 补交 (back payment of missed months, issue 19 part C). Decision: a month up to
// dues.backPayMaxMonths (6) before the current month is paid like any other; an older month is
// accepted only when recorded by an org_admin of a level above the member's branch — their
// recording it is the upper level's approval (audited with the payment). A member paying online
// and the branch itself cannot pay such a month. Called where payments are recorded (part B).
import { checkBackPay } from '../../../../core/dues/relief.rules.ts';
import { ruleValue } from '../../../../core/rulebook/rulebook.ts';
import type { Actor, AppContext } from '../../../context.ts';
import { fromDecision } from '../../../http/errors.ts';
import { today } from './relief.common.ts';

/** Is the actor an org_admin strictly above the organisation at `orgPath`? */
export function isUpperLevel(actor: Pick<Actor, 'scopePath' | 'roles'> | null, orgPath: string): boolean {
  return (
    actor !== null &&
    actor.roles.includes('org_admin') &&
    orgPath.startsWith(actor.scopePath) &&
    actor.scopePath !== orgPath
  );
}

/**
 * Throws the 400 refusal when a month of `months` is older than the back-pay window and the
 * actor is not the level above the branch at `orgPath`.
 */
export function requireBackPayAllowed(
  ctx: AppContext,
  actor: Pick<Actor, 'scopePath' | 'roles'> | null,
  orgPath: string,
  months: readonly string[],
): void {
  const day = today(ctx);
  const max = ruleValue<number>(ctx.config.rulebook, 'dues.backPayMaxMonths', day);
  const d = checkBackPay(months, day.slice(0, 7), max, isUpperLevel(actor, orgPath));
  if (!d.ok) throw fromDecision(d);
}
