import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  renderConfigTable,
  spliceConfigTable,
} from './config-table';
import { configTypes } from './config-types';
import { defineConfig } from './define-config';

const definition = defineConfig('CART', {
  httpPort: {
    type: configTypes.port(),
    default: 3003,
    description: 'Port the REST API listens on.',
  },
  catalogUrl: { type: configTypes.url(), description: 'Base URL of the catalog | read API.' },
  redisPassword: {
    type: configTypes.string(),
    default: 'x',
    secret: true,
    description: 'Redis password.',
  },
  ttlMs: {
    type: configTypes.integer({ min: 1 }),
    optional: true,
    unit: 'ms',
    description: 'Cache TTL.',
  },
});

describe('renderConfigTable', () => {
  it('renders one row per variable with type, default, unit and description', () => {
    expect(renderConfigTable(definition)).toBe(
      [
        '| Variable | Type | Default | Unit | Description |',
        '|---|---|---|---|---|',
        '| `CART_HTTP_PORT` | port (0–65535) | `3003` |  | Port the REST API listens on. |',
        '| `CART_CATALOG_URL` | URL | **required** |  | Base URL of the catalog \\| read API. |',
        '| `CART_REDIS_PASSWORD` | string | _(secret)_ |  | Redis password. |',
        '| `CART_TTL_MS` | integer (1–…) | _(unset)_ | ms | Cache TTL. |',
      ].join('\n'),
    );
  });
});

describe('spliceConfigTable', () => {
  it('replaces only the text between the markers', () => {
    const readme = `# Cart\n\n${CONFIG_TABLE_START}\nold table\n${CONFIG_TABLE_END}\n\nMore.\n`;
    expect(spliceConfigTable(readme, definition)).toBe(
      `# Cart\n\n${CONFIG_TABLE_START}\n${renderConfigTable(definition)}\n${CONFIG_TABLE_END}\n\nMore.\n`,
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => spliceConfigTable('# Cart\n', definition)).toThrow(/no "<!-- config-table:start/);
  });
});
