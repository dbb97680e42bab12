import { anchorId, html, raw } from './html.template';

describe('the html template', () => {
  it('escapes interpolated text, including quotes inside attributes', () => {
    expect(html`<a title="${'"x" & <y>'}">${"it's"}</a>`.value).toBe(
      '<a title="&quot;x&quot; &amp; &lt;y&gt;">it&#39;s</a>',
    );
  });

  it('inserts markup and joined arrays as they are', () => {
    // prettier-ignore
    const markup = html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${raw('<hr>')}`;
    expect(markup.value).toBe('<ul><li>a</li><li>b</li></ul><hr>');
  });

  it('renders nothing for null, undefined and false, but renders 0', () => {
    expect(html`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });

  it('turns names into fragment ids', () => {
    expect(anchorId('ecommerce.order.order.created.v1')).toBe('ecommerce-order-order-created-v1');
    expect(anchorId('1. Create an account')).toBe('1-create-an-account');
  });
});
