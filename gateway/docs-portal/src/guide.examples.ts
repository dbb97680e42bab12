/**
 * Reads the code examples out of the getting-started guide so tests can hold them to the
 * contracts: the TypeScript blocks (compiled against @bazaar/sdk) and every `curl` call of the
 * shell blocks (method, gateway path, query, headers, JSON body).
 */
import { Lexer, type Tokens } from 'marked';

export interface CurlCall {
  /** The command as written (continuation lines joined), for messages. */
  source: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** The `-d` argument, with shell variables substituted by `variables`. */
  body?: string;
}

export function codeBlocks(markdown: string, lang: string): string[] {
  return new Lexer()
    .lex(markdown)
    .filter((t): t is Tokens.Code => t.type === 'code' && (t.lang ?? '').split(/\s/)[0] === lang)
    .map((t) => t.text);
}

/**
 * Splits a shell command into words the way sh would for the guide's simple style: '...' is
 * literal, "..." expands `$VAR` and `$(command)` (command substitutions become `<command>`).
 */
export function shellWords(command: string, variables: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const expand = (text: string) =>
    text
      .replace(/\$\(([^)]*)\)/g, (_, cmd: string) => `<${cmd.trim()}>`)
      .replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_, name: string) => {
        if (!(name in variables)) throw new Error(`unknown shell variable $${name} in: ${command}`);
        return variables[name]!;
      });
  for (const m of command.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\s+)|([^\s'"]+)/g)) {
    if (m[3] !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    const part =
      m[1] ?? (m[2] !== undefined ? expand(m[2].replace(/\\(["\\$`])/g, '$1')) : expand(m[4]!));
    word = (word ?? '') + part;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Every `curl` call in the guide's `sh` blocks that targets `gatewayUrl`. */
export function curlCalls(
  markdown: string,
  gatewayUrl: string,
  variables: Record<string, string>,
): CurlCall[] {
  const calls: CurlCall[] = [];
  for (const block of codeBlocks(markdown, 'sh')) {
    const lines = block.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      // `X=$(curl ... | jq ...)`: keep the curl part.
      const start = line.indexOf('curl ');
      if (start < 0) continue;
      const source = line
        .slice(start)
        .split(/\s\|\s/)[0]!
        .replace(/\)\s*$/, '');
      const words = shellWords(source, variables).slice(1);
      const call: CurlCall = { source, method: '', url: new URL(gatewayUrl), headers: {} };
      let url: string | undefined;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === '-X') call.method = words[++i]!;
        else if (w === '-H') {
          const [name, ...value] = words[++i]!.split(':');
          call.headers[name!.trim().toLowerCase()] = value.join(':').trim();
        } else if (w === '-d') call.body = words[++i]!;
        else if (w.startsWith('http')) url = w;
        else if (!/^-[a-zA-Z]+$/.test(w))
          throw new Error(`unexpected curl argument "${w}" in: ${source}`);
      }
      if (!url?.startsWith(`${gatewayUrl}/`))
        throw new Error(`curl without a gateway URL: ${source}`);
      call.url = new URL(url);
      call.method ||= call.body === undefined ? 'GET' : 'POST';
      calls.push(call);
    }
  }
  return calls;
}
