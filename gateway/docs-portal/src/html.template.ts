/**
 * The docs portal's HTML templating: an `html` tagged template that escapes every interpolated
 * value unless it is already markup (`Markup`), so contract text can never break a page.
 */

/** A string of HTML that is safe to insert as is. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Marks trusted HTML (our own renderers' output) so `html` inserts it unescaped. */
export function raw(markup: string): Markup {
  return new Markup(markup);
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * `html\`<p>${text}</p>\`` escapes `text`; arrays are joined; `null`, `undefined` and `false`
 * render nothing, so `${cond && html\`...\`}` works.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Markup(out);
}

/** A fragment id from a name: `ecommerce.order.order.created.v1` → `ecommerce-order-order-created-v1`. */
export function anchorId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
