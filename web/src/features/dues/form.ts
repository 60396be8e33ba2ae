// Server field errors onto the dues forms, whose money fields are typed in yuan under their own
// names (the server names the fen field: amountFen → amount).
import type { FormInstance } from 'antd';
import { errorMessage, isApiError } from '../../components/http';

/**
 * Puts each server field error on the form field `fields` maps it to; anything not placed is
 * shown once through `notify`. `fields`: server field name → form field name.
 */
export function showDuesError(
  form: FormInstance,
  error: unknown,
  fields: Record<string, string>,
  notify: (text: string) => void,
): void {
  const placed =
    isApiError(error) && error.fields
      ? Object.entries(error.fields).flatMap(([name, message]) =>
          fields[name] ? [{ name: fields[name], errors: [message] }] : [],
        )
      : [];
  if (placed.length > 0) form.setFields(placed);
  else notify(errorMessage(error));
}
