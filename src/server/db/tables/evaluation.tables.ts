// Tables owned by the evaluation module (issue 7). Only that module's repository queries them.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EvaluationTables {}
