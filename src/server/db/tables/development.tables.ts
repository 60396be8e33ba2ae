// Tables owned by the development module (issue 6). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DevelopmentTables {}
