// Tables of 督查 (issue 18).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InspectionTables {}
