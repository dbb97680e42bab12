/**
 * Renders a (dereferenced) JSON Schema as a readable field table for the event catalogue: one row
 * per property, nested objects and array items indented under their parent, with type,
 * constraints, required marker and description.
 */
import { html, type Markup } from './html.template';
import { inlineMarkdown, markdown } from './markdown.render';

type Json = Record<string, unknown>;
const MAX_DEPTH = 8;

interface Row {
  name: string;
  depth: number;
  required: boolean;
  schema: Json;
}

/** Folds `allOf` parts into one object view; a later part narrows a property (later wins). */
export function mergeAllOf(schema: Json): Json {
  const parts = schema.allOf as Json[] | undefined;
  if (!parts) return schema;
  const { allOf: _allOf, ...own } = schema;
  const merged: Json = { ...own };
  const properties: Json = {};
  const required = new Set<string>();
  for (const part of [own, ...parts.map(mergeAllOf)]) {
    for (const [name, sub] of Object.entries((part.properties as Json | undefined) ?? {}))
      properties[name] = { ...((properties[name] as Json | undefined) ?? {}), ...(sub as Json) };
    for (const name of (part.required as string[] | undefined) ?? []) required.add(name);
    for (const key of ['type', 'title', 'description', 'additionalProperties']) {
      if (merged[key] === undefined && part[key] !== undefined) merged[key] = part[key];
    }
  }
  return { ...merged, properties, required: [...required] };
}

export function typeLabel(schema: Json): string {
  const s = mergeAllOf(schema);
  if (s.const !== undefined) return `${typeof s.const} (constant)`;
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
  const label = types
    .map((t) => {
      if (t === 'array') {
        const items = (s.items as Json | undefined) ?? {};
        return `array of ${typeLabel(items)}`;
      }
      if (t === 'object' && typeof s.title === 'string') return `object (${s.title})`;
      if (t === 'string' && typeof s.format === 'string') return `string (${s.format})`;
      return t;
    })
    .join(' | ');
  if (label) return label;
  const variants = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (variants) return variants.map((v) => String(v.title ?? typeLabel(v))).join(' | ');
  return 'any';
}

function constraints(schema: Json): string[] {
  const out: string[] = [];
  const s = schema;
  if (s.const !== undefined) out.push(`always ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum)) out.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  const range = (min: string, max: string, unit: string) => {
    if (s[min] !== undefined && s[max] !== undefined)
      out.push(`${unit} ${String(s[min])}–${String(s[max])}`);
    else if (s[min] !== undefined) out.push(`${unit} ≥ ${String(s[min])}`);
    else if (s[max] !== undefined) out.push(`${unit} ≤ ${String(s[max])}`);
  };
  range('minimum', 'maximum', 'value');
  range('minLength', 'maxLength', 'length');
  range('minItems', 'maxItems', 'items');
  if (s.exclusiveMinimum !== undefined) out.push(`value > ${String(s.exclusiveMinimum)}`);
  if (s.uniqueItems === true) out.push('unique items');
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  // Examples of objects and arrays repeat their fields' rows; scalars only.
  const example = Array.isArray(s.examples) ? (s.examples[0] as unknown) : undefined;
  if (example !== undefined && typeof example !== 'object' && s.const === undefined)
    out.push(`e.g. ${JSON.stringify(example)}`);
  return out;
}

function collectRows(
  schema: Json,
  prefix: string,
  depth: number,
  rows: Row[],
  seen: Set<Json>,
): void {
  if (depth > MAX_DEPTH || seen.has(schema)) return;
  const s = mergeAllOf(schema);
  const next = new Set(seen).add(schema);
  const required = new Set((s.required as string[] | undefined) ?? []);
  for (const [name, sub] of Object.entries((s.properties as Json | undefined) ?? {})) {
    const child = sub as Json;
    const full = prefix ? `${prefix}.${name}` : name;
    rows.push({ name: full, depth, required: required.has(name), schema: child });
    collectNested(child, full, depth + 1, rows, next);
  }
}

function collectNested(
  schema: Json,
  name: string,
  depth: number,
  rows: Row[],
  seen: Set<Json>,
): void {
  const s = mergeAllOf(schema);
  const items = s.items as Json | undefined;
  if (items) collectRows(items, `${name}[]`, depth, rows, seen);
  if (s.properties) collectRows(s, name, depth, rows, seen);
  const variants = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  variants?.forEach((variant) => {
    if (mergeAllOf(variant).properties)
      collectRows(variant, `${name}〈${String(variant.title ?? 'variant')}〉`, depth, rows, seen);
  });
}

/** A field table for an object schema; a schema without properties gets a one-line description. */
export function schemaTable(schema: Json): Markup {
  const rows: Row[] = [];
  collectRows(schema, '', 0, rows, new Set());
  if (rows.length === 0)
    return html`<p class="bz-schema-empty">
      ${typeLabel(schema)}${constraints(schema).length > 0 && ` — ${constraints(schema).join('; ')}`}
    </p>`;
  return html`<table class="bz-schema">
    <thead>
      <tr>
        <th>Field</th>
        <th>Type</th>
        <th>Description</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <td class="bz-field" style="--depth:${row.depth}">
              <code>${row.name}</code
              >${row.required && html` <span class="bz-required" title="required">required</span>`}
            </td>
            <td class="bz-type">
              ${typeLabel(row.schema)}${constraints(mergeAllOf(row.schema)).map((c) => html`<div class="bz-constraint">${c}</div>`)}
            </td>
            <td>
              ${typeof row.schema.description === 'string' ? markdown(row.schema.description) : typeof row.schema.title === 'string' ? inlineMarkdown(row.schema.title) : ''}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
