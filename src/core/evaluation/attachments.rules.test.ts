import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import { checkReportAttachment, mergeAttachments, type ReportAttachment } from './attachments.rules.ts';

const limits = {
  maxBytes: ruleValue<number>(NATIONAL_RULEBOOK, 'evaluation.attachment.maxBytes'),
  maxCount: ruleValue<number>(NATIONAL_RULEBOOK, 'evaluation.attachment.maxCount'),
};
const file = (n: number): ReportAttachment => ({ name: `f${n}.pdf`, url: `/f/${n}`, key: `k${n}` });

describe('述职报告 attachments', () => {
  it.each([
    ['a PDF', { mimeType: 'application/pdf', sizeBytes: 1000 }, 0, null],
    ['a JPEG at the size limit', { mimeType: 'image/jpeg', sizeBytes: limits.maxBytes }, 0, null],
    [
      'one byte over the limit',
      { mimeType: 'image/png', sizeBytes: limits.maxBytes + 1 },
      0,
      'FILE_TOO_LARGE',
    ],
    ['an empty file', { mimeType: 'application/pdf', sizeBytes: 0 }, 0, 'FILE_EMPTY'],
    ['a Word document', { mimeType: 'application/msword', sizeBytes: 1000 }, 0, 'FILE_TYPE'],
    ['the last one allowed', { mimeType: 'application/pdf', sizeBytes: 10 }, limits.maxCount - 1, null],
    [
      'one more than allowed',
      { mimeType: 'application/pdf', sizeBytes: 10 },
      limits.maxCount,
      'TOO_MANY_FILES',
    ],
  ])('%s', (_n, f, existing, code) => {
    const d = checkReportAttachment(
      f,
      Array.from({ length: existing }, (_, i) => file(i)),
      limits,
    );
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('saving the report keeps uploaded files and replaces the links', () => {
    const current = [file(1), { name: '旧链接', url: 'https://example.org/old' }];
    expect(mergeAttachments(current, [{ name: '新链接', url: 'https://example.org/new' }])).toEqual([
      file(1),
      { name: '新链接', url: 'https://example.org/new' },
    ]);
  });
});
