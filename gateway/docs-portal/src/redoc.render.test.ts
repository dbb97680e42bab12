import { createHash } from 'node:crypto';
import { hashRouterLinks, offlineRedocBundle, useLocalBundle } from './redoc.render';

const CDN = 'https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js';
const built = `<head><link rel="modulepreload" href="${CDN}" integrity="sha384-abc" crossorigin="anonymous" /></head>
<body><div id="redoc"><a href="/">Top</a><a href="/cart">Cart</a><a href="https://example.com/x">x</a></div>
<script type="module">import { hydrate } from "${CDN}";</script></body>`;

describe('Redoc pages served offline', () => {
  it('loads the script from the shared local copy, with that copy as the integrity hash', () => {
    const bundle = 'export const hydrate = 1;';
    const page = useLocalBundle(built, bundle, 'api/cart.html');
    const sri = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
    expect(page).not.toContain('cdn.redocly.com');
    expect(page).toContain('href="../assets/redoc.standalone.js"');
    expect(page).toContain(`integrity="${sri}"`);
    expect(page).toContain('import { hydrate } from "../assets/redoc.standalone.js"');
  });

  it('refuses a page whose script reference it does not recognise', () => {
    expect(() => useLocalBundle('<script>nothing</script>', '', 'api/x.html')).toThrow(
      'api/x.html: expected the Redoc CDN script twice',
    );
  });

  it('gives router links the hash form so they stay on the page under any prefix', () => {
    const page = hashRouterLinks(built);
    expect(page).toContain('<a href="#/">Top</a><a href="#/cart">Cart</a>');
    expect(page).toContain('href="https://example.com/x"');
  });

  it('ships a Redoc bundle that loads nothing from Redocly servers', () => {
    const bundle = offlineRedocBundle();
    expect(bundle).toContain('hydrate');
    expect(bundle).not.toMatch(/cdn\.redoc\.ly|cdn\.redocly\.com\/redoc/);
  });
});
