/**
 * Serves the built docs portal under a path prefix (default /docs), as the gateway's docs-portal
 * route expects: `/docs` redirects to `/docs/`, a folder answers its index.html, files get the
 * content types browsers need (Redoc's module script must be text/javascript), nothing outside
 * the site folder is reachable.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.yaml': 'application/yaml; charset=utf-8',
  '.proto': 'text/plain; charset=utf-8',
};

/** An express app serving `root` at `prefix`/. */
export function createDocsApp(root: string, prefix = '/docs'): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    prefix,
    express.static(root, {
      index: 'index.html',
      redirect: true, // /docs → /docs/ (every link in the site is relative)
      fallthrough: true,
      setHeaders: (res, file) => {
        const type = CONTENT_TYPES[path.extname(file)];
        if (type) res.setHeader('Content-Type', type);
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  return app;
}

export interface DocsServer {
  /** e.g. http://127.0.0.1:8090/docs/ */
  baseUrl: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveDocs(options: {
  root: string;
  prefix?: string;
  host?: string;
  port?: number;
}): Promise<DocsServer> {
  const prefix = options.prefix ?? '/docs';
  const app = createDocsApp(options.root, prefix);
  const server: Server = await new Promise((resolve, reject) => {
    // Express 5 hands a listen error to the callback instead of emitting it.
    const listening = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
    listening.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    baseUrl: `${origin}${prefix}/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
