/** A decision from a pure rule: either ok with a value, or a refusal with a code and detail. */
export type Decision<T = void> = { ok: true; value: T } | { ok: false; code: string; message: string; field?: string };

export function ok<T>(value: T): Decision<T> {
  return { ok: true, value };
}

export function refuse(code: string, message: string, field?: string): Decision<never> {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
