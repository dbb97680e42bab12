/**
 * Fixed rate-limit windows aligned to the UTC calendar (kong/tools/timestamp.lua
 * `get_timestamps`, kong/plugins/rate-limiting/expiration.lua; kong-gateway.md A4.3).
 */
import type { Period } from './schema';

/** Window lengths Kong uses for TTLs and `RateLimit-Reset` (a month is 30 days, a year 365). */
export const WINDOW_SECONDS: Record<Period, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  month: 2592000,
  year: 31536000,
};

export type WindowStarts = Record<Period, number>;

let cachedSecond = -1;
let cachedStarts: WindowStarts | undefined;

/** Start (ms since epoch) of each window containing `nowMs`, at 1-second resolution. */
export function windowStarts(nowMs: number): WindowStarts {
  const second = Math.floor(nowMs / 1000);
  if (second === cachedSecond && cachedStarts) return cachedStarts;
  const d = new Date(second * 1000);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  cachedStarts = {
    second: second * 1000,
    minute: Date.UTC(y, mo, day, h, mi),
    hour: Date.UTC(y, mo, day, h),
    day: Date.UTC(y, mo, day),
    month: Date.UTC(y, mo, 1),
    year: Date.UTC(y, 0, 1),
  };
  cachedSecond = second;
  return cachedStarts;
}
