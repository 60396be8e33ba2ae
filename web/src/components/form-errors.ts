import type { FormInstance } from 'antd';
import { isApiError } from './http';

/**
 * Puts the server's field errors (`error.fields`, keyed by field name) on the matching form
 * fields. Returns true when at least one of them was shown on a field.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): boolean {
  if (!isApiError(error) || !error.fields) return false;
  const entries = Object.entries(error.fields).filter(([name]) => fieldNames.includes(name));
  form.setFields(entries.map(([name, message]) => ({ name, errors: [message] })));
  return entries.length > 0;
}
