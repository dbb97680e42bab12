/**
 * Per-suite setup: an echo upstream, then the target loaded with the suite's kong.yml built from
 * that upstream's address. Route names are prefixed per suite so Redis keys and ids never clash.
 */
import { type EchoUpstream, startEchoUpstream } from './echo-upstream';
import { type ConformanceTarget, startTarget, upstreamHost } from './gateway-target';

export interface Suite {
  upstream: EchoUpstream;
  target: ConformanceTarget;
  /** Proxy base URL. */
  url: string;
}

/** `http://<upstream>/<path>` for a service `url`. */
export function serviceUrl(upstream: EchoUpstream, path = ''): string {
  return `http://${upstreamHost()}:${upstream.port}${path}`;
}

/**
 * Starts the upstream and the target; `build` gets the upstream and returns the kong.yml
 * document (without `_format_version`, which is added).
 */
export async function startSuite(
  build: (upstream: EchoUpstream) => object,
  options: { status?: boolean } = {},
): Promise<Suite> {
  const upstream = await startEchoUpstream();
  try {
    const target = await startTarget({ _format_version: '3.0', ...build(upstream) }, options);
    return { upstream, target, url: target.url };
  } catch (err) {
    await upstream.close();
    throw err;
  }
}

export async function stopSuite(suite: Suite | undefined): Promise<void> {
  if (!suite) return;
  await suite.target.close();
  await suite.upstream.close();
}
