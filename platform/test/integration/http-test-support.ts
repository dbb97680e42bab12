/**
 * Shared fixtures of the platform's HTTP integration suites: a logger whose lines the test can
 * read, and a tiny "widgets" OpenAPI API mounted with express-openapi-validator, standing in for a
 * generated service binding.
 */
import express, { type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { createLogger, type Logger } from '../../src/telemetry/logger';

export interface CollectedLogs {
  logger: Logger;
  lines: Record<string, unknown>[];
}

/** A debug-level logger that keeps every line as a parsed object. */
export function collectingLogger(service = 'widgets'): CollectedLogs {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service,
    level: 'debug',
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  return { logger, lines };
}

export const widgetsSpec = {
  openapi: '3.1.0',
  info: { title: 'widgets (test)', version: '1.0.0' },
  servers: [{ url: 'http://127.0.0.1' }],
  paths: {
    '/api/v1/widgets': {
      get: {
        operationId: 'listWidgets',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 50 },
          },
        ],
        responses: { '200': { description: 'widgets' } },
      },
      post: {
        operationId: 'createWidget',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'quantity'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', minLength: 1 },
                  quantity: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/api/v1/widgets/{widgetId}': {
      get: {
        operationId: 'getWidget',
        parameters: [
          {
            name: 'widgetId',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^w-[0-9]+$' },
          },
        ],
        responses: { '200': { description: 'a widget' } },
      },
    },
  },
} as const;

/** Body parser (1 KiB limit) + validator for widgetsSpec; routes outside the spec pass unvalidated. */
export function mountWidgetsValidation(router: Router): void {
  router.use(express.json({ limit: 1024 }));
  router.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(widgetsSpec) as never,
      validateRequests: { allErrors: true, coerceTypes: true },
      validateResponses: false,
      ignoreUndocumented: true,
    }),
  );
}
