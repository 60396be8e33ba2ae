// Where a server error goes in a form (issue 17: errors appeared twice, on the field and again in
// a message with the same text). Each error is shown once: on its field when the form has that
// field, otherwise in one message; the error's summary is the message only when no field took it.

export interface FormErrorSource {
  /** The error's summary (for a validation error, usually the first field's text). */
  message: string;
  /** Field name → Chinese text naming the field. */
  fields?: Record<string, string> | undefined;
}

export interface FormErrorPlacement {
  /** antd's setFields shape: one error per field shown on the form. */
  fields: Array<{ name: string; errors: [string] }>;
  /** The one message to show apart from the fields, or null when the fields say it all. */
  message: string | null;
}

export function placeFormError(error: FormErrorSource, formFields: readonly string[]): FormErrorPlacement {
  const entries = Object.entries(error.fields ?? {});
  const onForm = entries.filter(([name]) => formFields.includes(name));
  const elsewhere = entries.filter(([name]) => !formFields.includes(name)).map(([, text]) => text);
  const shown = new Set(onForm.map(([, text]) => text));
  // Field errors the form cannot show go in the message, each text once and none already on a field.
  const rest = [...new Set(elsewhere)].filter((text) => !shown.has(text));
  let message: string | null;
  if (onForm.length === 0) message = rest.length > 0 ? rest.join('；') : error.message;
  else message = rest.length > 0 ? rest.join('；') : null;
  return { fields: onForm.map(([name, text]) => ({ name, errors: [text] })), message };
}
