/**
 * Renders decK's environment-variable templates in a state file the way `deck file render
 * --populate-env-vars` and `deck gateway sync` do (go-database-reconciler pkg/file/template.go):
 * `${{ env "DECK_NAME" }}`, optionally piped through `indent N`, `toBool`, `toInt` or `toFloat`;
 * lines that are YAML comments are left alone; values are inserted verbatim (no escaping).
 * Template syntax beyond that subset is refused rather than guessed.
 */
import { goFloatString, goParseBool, goParseInt } from './go-scalars';

export const DECK_ENV_PREFIX = 'DECK_';

type Env = Readonly<Record<string, string | undefined>>;

const ACTION = /\$\{\{(.*?)\}\}/g;
const ENV_CALL = /^env\s+(?:"([^"\\]*)"|`([^`]*)`)$/;

function lookup(name: string, env: Env): string {
  if (!name.startsWith(DECK_ENV_PREFIX)) {
    throw new Error(
      `environment variables in the state file must be prefixed with '${DECK_ENV_PREFIX}', found: '${name}'`,
    );
  }
  const value = env[name];
  if (value === undefined)
    throw new Error(`environment variable '${name}' present in state file but not set`);
  return value;
}

/** Evaluates one `${{ … }}` action body. */
function evaluate(body: string, env: Env): string {
  const [head, ...pipes] = body.split('|').map((s) => s.trim());
  const call = ENV_CALL.exec(head ?? '');
  if (!call) throw new Error(`unsupported template action '\${{${body}}}' (expected env "DECK_…")`);
  let value = lookup(call[1] ?? call[2]!, env);
  let kind: 'string' | 'converted' = 'string';
  for (const pipe of pipes) {
    if (kind !== 'string')
      throw new Error(`'${pipe}' cannot follow a conversion in '\${{${body}}}'`);
    const indent = /^indent\s+(\d+)$/.exec(pipe);
    if (indent) {
      value = value.split('\n').join(`\n${' '.repeat(Number(indent[1]))}`);
    } else if (pipe === 'toBool') {
      value = String(goParseBool(value));
      kind = 'converted';
    } else if (pipe === 'toInt') {
      value = goParseInt(value).toString();
      kind = 'converted';
    } else if (pipe === 'toFloat') {
      value = goFloatString(value);
      kind = 'converted';
    } else {
      throw new Error(`unsupported template function '${pipe}' in '\${{${body}}}'`);
    }
  }
  return value;
}

/**
 * Substitutes every template in `yamlText` from `env` (only `DECK_*` names are allowed).
 * Throws naming the line and the variable when one is missing or malformed.
 */
export function renderDeckEnv(yamlText: string, env: Env): string {
  return yamlText
    .split('\n')
    .map((line, index) => {
      if (line.trimStart().startsWith('#') || !line.includes('${{')) return line;
      try {
        const rendered = line.replace(ACTION, (_, body: string) => {
          if (body.startsWith('-') || body.endsWith('-'))
            throw new Error(`whitespace trimming in '\${{${body}}}' is not supported`);
          return evaluate(body.trim(), env);
        });
        // Whatever is left of a `${{` on the line never closed on it.
        const unclosed = line.replace(ACTION, '').includes('${{');
        if (unclosed) throw new Error('unclosed template action');
        return rendered;
      } catch (error) {
        throw new Error(`line ${index + 1}: ${(error as Error).message}`);
      }
    })
    .join('\n');
}
