// Tables owned by the commitments module (issue 8). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommitmentsTables {}
