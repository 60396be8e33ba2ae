// Tables owned by the org-system module (issue 3). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrgSystemTables {}
