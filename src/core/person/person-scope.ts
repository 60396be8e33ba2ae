// Where a person sits for authorisation when a request names them (body references): shared by
// every check of a person id, so that one rule decides it.

/** One membership of the person, open or closed (its dates do not matter here, see below). */
export interface MembershipSpan {
  orgPath: string;
}

/**
 * The organisation paths a person id may be named from: every organisation the person has
 * belonged to, open or closed. A body often names a member as of a past date — the member
 * excused from a 支部大会 vote of last month, an 入党介绍人 of a historical record, a candidate of
 * an election entered afterwards — who may have moved since; the roster's own rule for a
 * member's page (the running membership, else the latest) would refuse those. The services
 * that act on a member as they are today (transfers, 流动党员, rosters) still check the running
 * membership themselves. A person who never had a membership sits nowhere: no subtree holds them.
 */
export function personScopePaths(memberships: readonly MembershipSpan[]): string[] {
  return [...new Set(memberships.map((m) => m.orgPath))];
}
