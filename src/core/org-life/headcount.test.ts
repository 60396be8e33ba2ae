import { describe, expect, it } from 'vitest';
import { meetingHeadcount, meetingHeadcountLine } from './headcount.ts';

const counts = { expected: 34, present: 2, leave: 1, absent: 31, excluded: 1 };
const shown = (status: string) => meetingHeadcount(status, counts).map((h) => `${h.label} ${h.value}`);

describe('meeting headcount', () => {
  it.each([
    ['scheduled', ['应到 34', '已签到 2', '请假 1', '待签到 31', '不计入 1']],
    ['held', ['应到 34', '实到 2', '请假 1', '缺席 31', '不计入 1']],
    ['cancelled', ['应到 34']],
  ])('%s → %j', (status, figures) => {
    expect(shown(status)).toEqual(figures);
  });

  it('a meeting not yet held never shows anybody absent', () => {
    expect(shown('scheduled').some((f) => f.startsWith('缺席'))).toBe(false);
  });

  it.each([
    ['scheduled', '应到34人，已签到2人'],
    ['held', '应到34人，实到2人'],
    ['cancelled', '应到34人'],
  ])('list line for %s: %s', (status, line) => {
    expect(meetingHeadcountLine(status, 34, 2)).toBe(line);
  });
});
