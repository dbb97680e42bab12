/**
 * Markdown → HTML for the docs portal: contract descriptions (AsyncAPI, proto comments) and the
 * hand-written getting-started guide. Headings get ids so pages can link into them. Raw HTML in
 * contract text is shown as text (a `<T>` in a description must not become a tag); only the
 * guide, which the portal owns, may carry HTML.
 */
import { Marked, type Tokens } from 'marked';
import { anchorId, escapeHtml, raw, type Markup } from './html.template';

export interface Heading {
  depth: number;
  text: string;
  id: string;
}

function createMarked(options: { headings?: Heading[]; allowHtml?: boolean } = {}): Marked {
  const { headings, allowHtml = false } = options;
  return new Marked({
    gfm: true,
    renderer: {
      html(token) {
        return allowHtml ? token.text : escapeHtml(token.text);
      },
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token) {
        const id = anchorId(token.text);
        headings?.push({ depth: token.depth, text: token.text.replace(/`/g, ''), id });
        const inner = this.parser.parseInline(token.tokens);
        return `<h${token.depth} id="${id}"><a class="bz-anchor" href="#${id}">${inner}</a></h${token.depth}>\n`;
      },
      code(token) {
        const lang = (token.lang ?? '').split(/\s/)[0];
        const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
        return `<pre><code${cls}>${escapeHtml(token.text)}</code></pre>\n`;
      },
    },
  });
}

const plain = createMarked();

/** Block markdown (paragraphs, lists, code) as trusted HTML; empty input gives empty markup. */
export function markdown(text: string | undefined): Markup {
  if (!text) return raw('');
  return raw(plain.parse(text, { async: false }));
}

/** One line of markdown without the wrapping paragraph (for table cells and summaries). */
export function inlineMarkdown(text: string | undefined): Markup {
  if (!text) return raw('');
  return raw(plain.parseInline(text, { async: false }));
}

/** Renders a trusted document (HTML allowed) and its headings (for a table of contents). */
export function markdownWithHeadings(text: string): { body: Markup; headings: Heading[] } {
  const headings: Heading[] = [];
  const body = raw(createMarked({ headings, allowHtml: true }).parse(text, { async: false }));
  return { body, headings };
}
