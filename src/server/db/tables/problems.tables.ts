// Tables of 问题清单 (issue 18).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProblemsTables {}
