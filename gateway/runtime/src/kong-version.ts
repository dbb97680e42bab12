/**
 * The Kong release whose behaviour the local gateway reproduces (kong-gateway.md pins 3.10.0):
 * it appears in `Server`, `Via` and metrics, so clients cannot tell our runtime from Kong.
 */
export const KONG_VERSION = '3.10.0';

/** `Server`/`Via` product token, as Kong's `SERVER_HEADER` [kong/constants.lua]. */
export const SERVER_TOKEN = `kong/${KONG_VERSION}`;
