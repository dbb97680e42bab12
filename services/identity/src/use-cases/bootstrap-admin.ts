/**
 * The bootstrap admin (services/identity/src/use-cases): at start, when IDENTITY_BOOTSTRAP_ADMIN_*
 * is set and no admin exists, that account is created or promoted. Rule violations are reported
 * under the variable's name, since that is what the operator has to fix.
 */
import { InvalidFieldError } from '../domain/invalid-field.error';
import {
  ensureAdmin,
  type AdminAccount,
  type EnsureAdminContext,
  type EnsureAdminOutcome,
} from './ensure-admin';

const VARIABLE_OF_FIELD: Record<string, string> = {
  email: 'IDENTITY_BOOTSTRAP_ADMIN_EMAIL',
  password: 'IDENTITY_BOOTSTRAP_ADMIN_PASSWORD',
  displayName: 'IDENTITY_BOOTSTRAP_ADMIN_DISPLAY_NAME',
};

export async function bootstrapAdmin(
  ctx: EnsureAdminContext,
  account: Required<AdminAccount>,
): Promise<EnsureAdminOutcome> {
  try {
    return await ensureAdmin(ctx, account, { onlyIfNoAdmin: true });
  } catch (err) {
    if (err instanceof InvalidFieldError) {
      throw new Error(`${VARIABLE_OF_FIELD[err.field] ?? err.field} ${err.reason}`, { cause: err });
    }
    throw err;
  }
}
