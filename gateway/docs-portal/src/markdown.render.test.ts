import { inlineMarkdown, markdown, markdownWithHeadings } from './markdown.render';

describe('markdown rendering', () => {
  it('renders contract markdown: emphasis, code and lists', () => {
    expect(markdown('**Queue.** Uses `bazaar.cart`:\n\n- one\n- two').value).toBe(
      '<p><strong>Queue.</strong> Uses <code>bazaar.cart</code>:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('shows raw HTML in contract text as text', () => {
    expect(inlineMarkdown('a <b>map<string></b>').value).toBe(
      'a &lt;b&gt;map&lt;string&gt;&lt;/b&gt;',
    );
  });

  it('escapes code blocks and labels them with their language', () => {
    expect(markdown('```json\n{"a": "<x>"}\n```').value).toBe(
      '<pre><code class="language-json">{&quot;a&quot;: &quot;&lt;x&gt;&quot;}</code></pre>\n',
    );
  });

  it("gives guide headings ids, lists them, and keeps the guide's own HTML", () => {
    const { body, headings } = markdownWithHeadings('## 1. Create an `account`\n\n<!-- mark -->\n');
    expect(headings).toEqual([
      { depth: 2, text: '1. Create an account', id: '1-create-an-account' },
    ]);
    expect(body.value).toContain('<h2 id="1-create-an-account">');
    expect(body.value).toContain('<!-- mark -->');
  });
});
