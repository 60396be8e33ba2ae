import { describe, expect, it } from 'vitest';
import { placeFormError } from './form-error-placement.ts';

describe('placeFormError: each error shown once', () => {
  it.each([
    [
      'a field error the form has: on the field only, no message with the same text',
      { message: '用户名已存在', fields: { username: '用户名已存在' } },
      ['username', 'displayName'],
      { fields: [{ name: 'username', errors: ['用户名已存在'] }], message: null },
    ],
    [
      'no field named: one message',
      { message: '转入党组织已撤销' },
      ['toOrgCode'],
      { fields: [], message: '转入党组织已撤销' },
    ],
    [
      'a field the form does not have: its text once, as the message',
      { message: '组织编码不正确', fields: { orgId: '组织编码不正确' } },
      ['reason'],
      { fields: [], message: '组织编码不正确' },
    ],
    [
      'one field on the form, one not: the field, and the other text as the message',
      {
        message: '开始日期应为YYYY-MM-DD格式的日期',
        fields: { startOn: '开始日期应为YYYY-MM-DD格式的日期', kind: '处分种类应为留党察看' },
      },
      ['startOn'],
      {
        fields: [{ name: 'startOn', errors: ['开始日期应为YYYY-MM-DD格式的日期'] }],
        message: '处分种类应为留党察看',
      },
    ],
    [
      'the same text for two fields, one shown: not repeated in the message',
      { message: '日期不正确', fields: { on: '日期不正确', other: '日期不正确' } },
      ['on'],
      { fields: [{ name: 'on', errors: ['日期不正确'] }], message: null },
    ],
  ])('%s', (_what, error, formFields, placement) => {
    expect(placeFormError(error, formFields)).toEqual(placement);
  });
});
