// Tables owned by the roster module (issue 4). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RosterTables {}
