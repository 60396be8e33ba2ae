// Tables of 党建责任制 (issue 18).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResponsibilityTables {}
