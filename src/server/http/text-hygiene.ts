// Every text input is well-formed before any handler sees it: a lone UTF-16 surrogate cannot be
// stored as it was received (SQLite and PostgreSQL store U+FFFD instead, so a hash over the
// received string never matches the stored one) and PostgreSQL refuses NUL outright (500). Both
// are refused here with a 400 naming the field, the same on both engines.
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

// eslint-disable-next-line no-control-regex
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** True when the string has a lone surrogate or a NUL character. */
export function isIllFormedText(s: string): boolean {
  return ILL_FORMED.test(s);
}

/** The path of the first ill-formed string in a parsed value (object keys included), or null. */
export function findIllFormed(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isIllFormedText(value) ? path || '(值)' : null;
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findIllFormed(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${k}` : k;
    if (isIllFormedText(k)) return here;
    const hit = findIllFormed(v, here, depth + 1);
    if (hit) return hit;
  }
  return null;
}

const WHERE = { params: '路径参数', query: '查询参数', body: '' } as const;

export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const field = findIllFormed(request[part]);
      if (field) {
        const message = `${WHERE[part]}${WHERE[part] ? ' ' : ''}“${field}”含有无效字符（空字符或不成对的代理项），请删除后重试`;
        throw new AppError('bad_request', 'ILL_FORMED_TEXT', message, { [field]: message });
      }
    }
  });
}
