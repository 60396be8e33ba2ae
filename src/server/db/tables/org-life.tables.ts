// Tables owned by the org-life module (issue 5). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrgLifeTables {}
