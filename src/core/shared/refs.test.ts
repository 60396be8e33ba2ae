import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectRefs, idFields, orgRef, personRef, polyRefTo, refTo } from './refs.ts';

const coercedOrg = refTo('org', z.coerce.number().int().positive('组织ID不正确'));
const evidence = polyRefTo(
  z.strictObject({ kind: z.enum(['meeting', 'commitment']), id: z.number().int() }),
  {
    kindField: 'kind',
    idField: 'id',
    kinds: { meeting: 'meeting', commitment: 'commitment' },
  },
);

const schema = z
  .strictObject({
    orgId: orgRef('组织ID不正确'),
    ownerPersonId: personRef('责任人ID不正确').optional(),
    groupOrgId: coercedOrg.nullable().optional(),
    personIds: z.array(personRef('党员ID不正确')).default([]),
    grades: z.array(z.strictObject({ personId: personRef('党员ID不正确'), grade: z.string() })).optional(),
    evidence: z.array(evidence).default([]),
    vote: z
      .strictObject({ exclusions: z.array(z.strictObject({ personId: personRef('x').optional() })) })
      .optional(),
    parentCampaignId: z.number().int().positive().optional(),
    trimmed: z.string().transform((s) => s.trim()),
    count: z.number(),
  })
  .refine(() => true);

const union = z.discriminatedUnion('direction', [
  z.strictObject({ direction: z.literal('out'), personId: personRef('党员') }),
  z.strictObject({ direction: z.literal('in'), orgId: orgRef('接收党组织') }),
]);

describe('collectRefs', () => {
  const cases: Array<[string, z.ZodType, unknown, Array<[string, number, string]>]> = [
    [
      'a plain id',
      schema,
      { orgId: 3, personIds: [], evidence: [], trimmed: '', count: 1 },
      [['org', 3, 'orgId']],
    ],
    [
      'optional, nullable, default and array wrappers',
      schema,
      { orgId: 3, ownerPersonId: 7, groupOrgId: 9, personIds: [1, 2], evidence: [], trimmed: '', count: 5 },
      [
        ['org', 3, 'orgId'],
        ['person', 7, 'ownerPersonId'],
        ['org', 9, 'groupOrgId'],
        ['person', 1, 'personIds[0]'],
        ['person', 2, 'personIds[1]'],
      ],
    ],
    [
      'null and absent ids are skipped',
      schema,
      { orgId: 3, groupOrgId: null, personIds: [], evidence: [], trimmed: '', count: 1 },
      [['org', 3, 'orgId']],
    ],
    [
      'ids inside arrays of objects and nested objects',
      schema,
      {
        orgId: 3,
        personIds: [],
        grades: [{ personId: 11, grade: '合格' }],
        vote: { exclusions: [{ personId: 12 }, {}] },
        evidence: [],
        trimmed: '',
        count: 1,
      },
      [
        ['org', 3, 'orgId'],
        ['person', 11, 'grades[0].personId'],
        ['person', 12, 'vote.exclusions[0].personId'],
      ],
    ],
    [
      'a polymorphic reference takes its kind from the sibling field',
      schema,
      {
        orgId: 3,
        personIds: [],
        evidence: [
          { kind: 'meeting', id: 5 },
          { kind: 'commitment', id: 6 },
        ],
        trimmed: '',
        count: 1,
      },
      [
        ['org', 3, 'orgId'],
        ['meeting', 5, 'evidence[0].id'],
        ['commitment', 6, 'evidence[1].id'],
      ],
    ],
    [
      'an unmarked id-like field is not collected',
      schema,
      { orgId: 3, parentCampaignId: 8, personIds: [], evidence: [], trimmed: '', count: 1 },
      [['org', 3, 'orgId']],
    ],
    [
      'a discriminated union: the option of the discriminator (out)',
      union,
      { direction: 'out', personId: 4 },
      [['person', 4, 'personId']],
    ],
    [
      'a discriminated union: the option of the discriminator (in)',
      union,
      { direction: 'in', orgId: 6 },
      [['org', 6, 'orgId']],
    ],
    [
      'a preprocess pipe around the body',
      z.preprocess((v) => v, z.strictObject({ orgId: orgRef('x') })),
      { orgId: 2 },
      [['org', 2, 'orgId']],
    ],
    [
      'a partial copy of a marked object keeps the marks',
      z.strictObject({ orgId: orgRef('x') }).partial(),
      { orgId: 2 },
      [['org', 2, 'orgId']],
    ],
  ];
  it.each(cases)('%s', (_name, s, value, expected) => {
    expect(collectRefs(s, value).map((r) => [r.kind, r.id, r.path])).toEqual(expected);
  });
});

describe('idFields', () => {
  it('lists every id-like or marked field with its mark', () => {
    expect(idFields(schema)).toEqual([
      { path: 'orgId', ref: 'org' },
      { path: 'ownerPersonId', ref: 'person' },
      { path: 'groupOrgId', ref: 'org' },
      { path: 'personIds[]', ref: 'person' },
      { path: 'grades[].personId', ref: 'person' },
      { path: 'evidence[].id', ref: 'poly' },
      { path: 'vote.exclusions[].personId', ref: 'person' },
      { path: 'parentCampaignId', ref: null },
    ]);
  });
  it('looks through both options of a union', () => {
    expect(idFields(union)).toEqual([
      { path: 'personId', ref: 'person' },
      { path: 'orgId', ref: 'org' },
    ]);
  });
  it('marks a field whose name does not say id when it is marked (培养联系人)', () => {
    expect(
      idFields(z.strictObject({ contacts: z.array(personRef('x')).max(5).optional(), count: z.number() })),
    ).toEqual([{ path: 'contacts[]', ref: 'person' }]);
  });
});
