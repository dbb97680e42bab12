/**
 * Renders a service's declared configuration as a Markdown table and splices it into a README
 * between markers, so the docs are generated from `config.ts` and a drift check can compare them.
 */
import { type ConfigDefinition, type ConfigSpec } from './define-config';

export const CONFIG_TABLE_START = '<!-- config-table:start (generated from src/config.ts) -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One row per variable in declaration order: name, type, default (or "required"), unit, description. */
export function renderConfigTable(definition: ConfigDefinition<ConfigSpec>): string {
  const rows = definition.entries.map(({ envName, variable }) => {
    let defaultText: string;
    if (variable.default === undefined)
      defaultText = variable.optional ? '_(unset)_' : '**required**';
    else if (variable.secret) defaultText = '_(secret)_';
    else {
      const formatted = variable.type.format
        ? variable.type.format(variable.default)
        : String(variable.default);
      defaultText = `\`${formatted}\``;
    }
    return `| \`${envName}\` | ${cell(variable.type.typeName)} | ${cell(defaultText)} | ${cell(variable.unit ?? '')} | ${cell(variable.description)} |`;
  });
  return [
    '| Variable | Type | Default | Unit | Description |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * Replaces what lies between CONFIG_TABLE_START and CONFIG_TABLE_END in `markdown` with the
 * current table. Throws when the markers are missing, so a README cannot silently lose its table.
 */
export function spliceConfigTable(
  markdown: string,
  definition: ConfigDefinition<ConfigSpec>,
): string {
  const start = markdown.indexOf(CONFIG_TABLE_START);
  const end = markdown.indexOf(CONFIG_TABLE_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `README has no "${CONFIG_TABLE_START}" … "${CONFIG_TABLE_END}" block for the ${definition.prefix}_* table`,
    );
  }
  const before = markdown.slice(0, start + CONFIG_TABLE_START.length);
  const after = markdown.slice(end);
  return `${before}\n${renderConfigTable(definition)}\n${after}`;
}
