/**
 * Configuration of orders' command-line tools (services/orders/src/cli): they read only
 * ORDERS_DATABASE_URL, from the same environment the service runs with. The service's other
 * ORDERS_* variables are set aside rather than refused, while a misspelt one still is.
 */
import type { EnvSource } from '@bazaar/platform/config/index';
import { ordersCliConfig, ordersConfig, type OrdersCliConfig } from '../config';

/** Like main.ts, a command-line entry point is a place that may read the process environment. */
export function loadCliConfig(env: EnvSource = process.env): OrdersCliConfig {
  const cliNames = new Set(ordersCliConfig.entries.map((entry) => entry.envName));
  const serviceOnly = new Set(
    ordersConfig.entries.map((entry) => entry.envName).filter((name) => !cliNames.has(name)),
  );
  return ordersCliConfig.load(
    Object.fromEntries(Object.entries(env).filter(([name]) => !serviceOnly.has(name))),
  );
}
