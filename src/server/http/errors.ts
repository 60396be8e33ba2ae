// One error shape for the whole API: { error: { code, message, fields? } } with Chinese
// messages; the status comes from one exhaustive mapping of codes.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'too_many'
  | 'payload_too_large'
  | 'internal';

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'locked':
      return 423;
    case 'too_many':
      return 429;
    case 'internal':
      return 500;
  }
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, field?: string) =>
  new AppError('bad_request', code, message, field ? { [field]: message } : undefined);
export const notFound = (what = '资源') => new AppError('not_found', 'NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '没有权限访问该资源') => new AppError('forbidden', 'FORBIDDEN', message);
export const conflict = (code: string, message: string, field?: string) =>
  new AppError('conflict', code, message, field ? { [field]: message } : undefined);

/** A refusal from a core rule, as an HTTP error. */
export function fromDecision(d: { code: string; message: string; field?: string }, kind: ErrorKind = 'bad_request'): AppError {
  return new AppError(kind, d.code, d.message, d.field ? { [d.field]: d.message } : undefined);
}

interface ZodLikeIssue {
  code: string;
  message: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  keys?: string[];
}

/** Chinese message for one schema issue; schema authors' own messages win. */
function issueMessage(issue: ZodLikeIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `长度不能超过${issue.maximum}个字符`;
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return '不能为空';
  if (issue.code === 'invalid_type' && /received undefined|无效输入：期望/.test(issue.message) && /undefined/.test(issue.message)) return '必填';
  return issue.message;
}

const LOCATION: Record<string, string> = { body: '', querystring: '查询参数 ', params: '路径参数 ', headers: '请求头 ' };

function validationError(error: FastifyError): AppError {
  const fields: Record<string, string> = {};
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = LOCATION[error.validationContext ?? 'body'] ?? '';
    for (const v of error.validation) {
      const issue = { ...(v.params as object), code: v.keyword, message: v.message ?? '' } as ZodLikeIssue;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys ?? []) fields[where + key] = '不允许的字段';
        continue;
      }
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(请求体)';
      fields[where + path] = issueMessage(issue);
    }
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}：${v}`)
    .join('；');
  return new AppError('bad_request', 'VALIDATION_FAILED', `请求参数有误${summary ? '：' + summary : ''}`, fields);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe && typeof fe === 'object' && 'validation' in fe && fe.validation) return validationError(fe);
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'MALFORMED_JSON', '请求体不是有效的JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('bad_request', 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'PAYLOAD_TOO_LARGE', '请求内容过大');
  }
  if (fe?.statusCode === 404) return new AppError('not_found', 'NOT_FOUND', '接口不存在');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('bad_request', 'BAD_REQUEST', '请求无效');
  }
  return new AppError('internal', 'INTERNAL', '服务器内部错误，请稍后重试');
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const app = toAppError(error);
  if (app.kind === 'internal') {
    request.log.error({ err: error }, 'unhandled error');
    if (process.env.DANGJIAN_DEBUG_ERRORS === '1') console.error(error);
  }
  return reply.status(statusOf(app.kind)).send({
    error: { code: app.code, message: app.message, ...(app.fields ? { fields: app.fields } : {}) },
  });
}
