// Tables of 考核 (issue 18).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssessmentTables {}
