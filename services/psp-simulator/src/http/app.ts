/**
 * Builds the simulator's express app without listening (services/psp-simulator): JSON bodies,
 * request validation against its own openapi.yaml (express-openapi-validator), the provider and
 * control routes, and errors in the provider's `{ error: { type, message, fields } }` shape.
 */
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { PspSimulator } from '../simulator/psp-simulator';
import { controlRoutes } from './control.routes';
import { providerRoutes } from './provider.routes';

/** The simulator's API description, next to its package.json. */
export const PSP_OPENAPI_PATH = path.resolve(__dirname, '../../openapi.yaml');

export interface PspAppOptions {
  simulator: PspSimulator;
  hangMs: number;
  /** Check every answer against openapi.yaml too (tests turn it on). Default false. */
  validateResponses?: boolean;
}

interface ValidatorError {
  status?: number;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

/** `/body/amount` → `body.amount`, `/params/chargeId` → `path.chargeId`. */
function fieldName(pointer: string): string {
  const [where, ...rest] = pointer.replace(/^\//, '').split('/');
  const location = where === 'params' ? 'path' : where;
  return [location, ...rest].join('.');
}

export function buildPspApp(options: PspAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: PSP_OPENAPI_PATH,
      validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
      validateResponses: options.validateResponses ? { allErrors: true } : false,
      validateFormats: true,
    }),
  );
  app.use(providerRoutes({ simulator: options.simulator, hangMs: options.hangMs }));
  app.use(controlRoutes(options.simulator));
  app.use(function simulatorErrors(
    err: unknown,
    _req: Request,
    res: Response,
    // express recognises error middleware by its four parameters.
    _next: NextFunction,
  ) {
    const e = (err ?? {}) as ValidatorError;
    const status = typeof e.status === 'number' && e.status >= 400 ? e.status : 500;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status >= 500) {
      process.stderr.write(`psp-simulator: ${String(e.message ?? err)}\n`);
      res.status(500).json({ error: { type: 'api_error', message: 'internal simulator error' } });
      return;
    }
    const fields = (e.errors ?? []).map((f) => ({
      field: fieldName(f.path ?? ''),
      message: f.message ?? 'is invalid',
    }));
    const type = status === 404 ? 'not_found' : 'invalid_request_error';
    res.status(status).json({
      error: {
        type,
        message:
          fields.length > 0
            ? fields.map((f) => `${f.field} ${f.message}`).join('; ')
            : (e.message ?? 'invalid request'),
        ...(fields.length > 0 ? { fields } : {}),
      },
    });
  });
  return app;
}
