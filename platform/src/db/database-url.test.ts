import { databaseNameOf, parseDatabaseUrl, withDatabaseName } from './database-url';

describe('database URLs', () => {
  it('reads the database name from the path', () => {
    expect(databaseNameOf('postgres://u:p@127.0.0.1:5432/bazaar_orders')).toBe('bazaar_orders');
  });

  it('swaps the database name and keeps credentials, host and options', () => {
    expect(withDatabaseName('postgres://u:p@h:5432/a?sslmode=disable', 'postgres')).toBe(
      'postgres://u:p@h:5432/postgres?sslmode=disable',
    );
  });

  it('rejects a URL without a database name', () => {
    expect(() => databaseNameOf('postgres://u:p@h:5432/')).toThrow(/names no database/);
  });

  it('rejects a non-PostgreSQL scheme and names the field', () => {
    expect(() => parseDatabaseUrl('mysql://h/db', 'ORDERS_DATABASE_URL')).toThrow(
      /ORDERS_DATABASE_URL must use postgres:\/\//,
    );
  });
});
