import { describe, expect, it } from 'vitest';
import { PUBLIC_BOARD_ORG_PARAM, publicBoardPath } from './public-board.ts';

describe('publicBoardPath', () => {
  it.each([
    ['ZJ-001-01', '/p/commitments?org=ZJ-001-01'],
    ['东村 支部&1', '/p/commitments?org=%E4%B8%9C%E6%9D%91+%E6%94%AF%E9%83%A8%261'],
  ])('%s → %s, and the board reads the code back', (code, path) => {
    expect(publicBoardPath(code)).toBe(path);
    const url = new URL(path, 'http://localhost');
    expect(url.pathname).toBe('/p/commitments');
    expect(url.searchParams.get(PUBLIC_BOARD_ORG_PARAM)).toBe(code);
  });
});
