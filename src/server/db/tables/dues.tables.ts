// Tables of 党费 (issue 19).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DuesTables {}
