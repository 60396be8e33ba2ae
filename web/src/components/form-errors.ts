import type { FormInstance } from 'antd';
import { placeFormError } from '../../../src/core/shared/form-error-placement.ts';
import { errorMessage, isApiError } from './http';

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

/**
 * Shows a failed submission once: each field error on its field when the form has it, anything
 * else as one message through `notify` (message.error, or a state the form's Alert shows).
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
  notify: (text: string) => void,
): void {
  const placed = placeFormError(
    isApiError(error) ? { message: error.message, fields: error.fields } : { message: errorMessage(error) },
    fieldNames,
  );
  if (placed.fields.length > 0) form.setFields(placed.fields);
  if (placed.message) notify(placed.message);
}
