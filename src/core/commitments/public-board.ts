// The public commitments board (承诺公开栏) is per organisation: its page and its unauthenticated
// API (GET /api/public/commitments?org=CODE) both name the organisation by code in `org`.

/** The query parameter naming the organisation of a public board. */
export const PUBLIC_BOARD_ORG_PARAM = 'org';

/** The public board page of an organisation (served without login under /p/). */
export function publicBoardPath(orgCode: string): string {
  return `/p/commitments?${new URLSearchParams({ [PUBLIC_BOARD_ORG_PARAM]: orgCode }).toString()}`;
}
