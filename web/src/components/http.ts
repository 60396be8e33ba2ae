// The one API client: same-origin cookies, CSRF header on writes, `{ error: { code, message, fields } }` errors.

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A message fit for the user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return '操作失败，请稍后重试';
}

export interface HttpHooks {
  /** The CSRF token of the current session (from the `me` query). */
  csrfToken(): string | undefined;
  /** The session is gone (401 on an authenticated call). */
  onUnauthorized(): void;
  /** The server requires a password change before anything else (403 PASSWORD_CHANGE_REQUIRED). */
  onPasswordChangeRequired(): void;
}

let hooks: HttpHooks = {
  csrfToken: () => undefined,
  onUnauthorized: () => undefined,
  onPasswordChangeRequired: () => undefined,
};

export function configureHttp(next: HttpHooks): void {
  hooks = next;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not treat a 401 as "session ended" (the login call itself). */
  expectUnauthorized?: boolean;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseError(response: Response): Promise<ApiErrorBody> {
  try {
    const json = (await response.json()) as { error?: Partial<ApiErrorBody> };
    if (json.error && typeof json.error.message === 'string') {
      return {
        code: json.error.code ?? 'ERROR',
        message: json.error.message,
        ...(json.error.fields ? { fields: json.error.fields } : {}),
      };
    }
  } catch {
    // not JSON: fall through
  }
  return { code: `HTTP_${response.status}`, message: `请求失败（${response.status}），请稍后重试` };
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    const token = hooks.csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  const response = await fetch(withQuery(path, options.query), init);
  if (!response.ok) {
    const error = new ApiError(response.status, await parseError(response));
    if (error.status === 401 && !options.expectUnauthorized) hooks.onUnauthorized();
    if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') hooks.onPasswordChangeRequired();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Envelope of every successful API response. */
export interface Envelope<T, P = undefined> {
  data: T;
  policies?: P;
}

/** Retry transient failures only; 4xx answers are final. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status < 500) return false;
  return failureCount < 2;
}
