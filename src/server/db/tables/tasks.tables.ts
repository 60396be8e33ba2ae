// Tables of 工作任务 (issue 18).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TasksTables {}
