/** HTML that is already escaped or written by us; the only kind {@link html} inserts as is. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/**
 * A template tag that escapes every interpolated value (repository names,
 * failure texts and the like come from registries and workers), except
 * {@link SafeHtml} and arrays of it. Null and undefined become nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';

  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });

  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');

  return escapeHtml(String(value));
}
