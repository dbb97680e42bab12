/**
 * SQL for user accounts (services/identity/src/persistence): insert, look up by id or email,
 * change roles or the password hash, count admins, and the lock that serialises role changes so
 * the last-admin rule holds under concurrency.
 */
import type { Queryable } from './queryable';
import type { UserRole } from '../domain/roles';
import type { User } from '../domain/user';

/** Advisory-lock key of role changes ('IDRL'); transaction-scoped, released at COMMIT/ROLLBACK. */
const ROLE_CHANGE_LOCK_KEY = 1_229_214_284;

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  created_at: Date;
}

const COLUMNS = 'id, email, display_name, password_hash, roles, created_at';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    // The table's CHECK constraint admits only UserRole values.
    roles: row.roles as UserRole[],
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @throws EmailTakenError when the (lower-cased) email is already registered. */
export async function insertUser(db: Queryable, user: User): Promise<void> {
  try {
    await db.query(
      `INSERT INTO users (id, email, display_name, password_hash, roles, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [user.id, user.email, user.displayName, user.passwordHash, user.roles, user.createdAt],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new EmailTakenError(user.email);
    throw err;
  }
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [
    email,
  ]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** Undefined for an unknown id, including anything that is not a UUID (e.g. a service's sub). */
export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  if (!UUID.test(id)) return undefined;
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** Waits until no other transaction is changing roles; held until this transaction ends. */
export async function lockRoleChanges(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ROLE_CHANGE_LOCK_KEY]);
}

export async function countAdmins(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY (roles)`,
  );
  return rows[0]?.n ?? 0;
}

export async function updateUserRoles(
  db: Queryable,
  id: string,
  roles: readonly UserRole[],
  now: Date,
): Promise<void> {
  await db.query('UPDATE users SET roles = $2, updated_at = $3 WHERE id = $1', [id, roles, now]);
}

export async function updatePasswordHash(
  db: Queryable,
  id: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [
    id,
    passwordHash,
    now,
  ]);
}
