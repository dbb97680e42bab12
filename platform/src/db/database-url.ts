/**
 * PostgreSQL connection-URL helpers for platform/src/db: read and swap the database name of a
 * `postgres://` URL, so one server URL can address each service's own database (architecture §3).
 */

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** Parses a PostgreSQL URL, failing with a message that names the setting at fault. */
export function parseDatabaseUrl(url: string, field = 'databaseUrl'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${field} is not a valid URL (expected postgres://user:pass@host:port/db)`);
  }
  if (!PROTOCOLS.has(parsed.protocol)) {
    throw new Error(`${field} must use postgres:// or postgresql://, got ${parsed.protocol}//`);
  }
  return parsed;
}

/** The database a URL points at (the first path segment, URL-decoded). */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(parseDatabaseUrl(url).pathname.replace(/^\//, ''));
  if (name === '') throw new Error('databaseUrl names no database (expected postgres://…/<db>)');
  return name;
}

/** The same URL (credentials, host, query options) pointing at another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = parseDatabaseUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
