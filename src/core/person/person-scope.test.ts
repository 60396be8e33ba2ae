import { describe, expect, it } from 'vitest';
import { personScopePaths, type MembershipSpan } from './person-scope.ts';

// The dates document the story of each case; the rule does not read them.
const span = (orgPath: string, _validFrom: string, _validTo: string | null = null): MembershipSpan => ({
  orgPath,
});

describe('personScopePaths', () => {
  const cases: Array<[string, MembershipSpan[], string[]]> = [
    ['one open membership', [span('/1/2/', '2020-01-01')], ['/1/2/']],
    [
      'transferred: where they are and where they were',
      [span('/1/2/', '2019-01-01', '2026-03-01'), span('/1/3/', '2026-03-01')],
      ['/1/2/', '/1/3/'],
    ],
    ['left the party: where they were', [span('/1/2/', '2010-01-01', '2015-01-01')], ['/1/2/']],
    [
      'back in the same branch twice: once',
      [span('/1/2/', '2010-01-01', '2012-01-01'), span('/1/2/', '2015-01-01')],
      ['/1/2/'],
    ],
    ['a membership that starts later counts too', [span('/1/4/', '2027-01-01')], ['/1/4/']],
    ['never a member: nowhere', [], []],
  ];
  it.each(cases)('%s', (_name, memberships, expected) => {
    expect(personScopePaths(memberships)).toEqual(expected);
  });
});
