/**
 * Publishes every pact in PACT_DIR to the Pact Broker at PACT_BROKER_BASE_URL (Pact Broker HTTP
 * API: PUT /pacts/provider/{p}/consumer/{c}/version/{v}, then the consumer version's branch), so
 * providers verify from the broker. Without PACT_BROKER_BASE_URL it does nothing and says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brokerSettings, PACT_DIR, participantBranch, participantVersion } from './pact-config';

type Pact = { consumer: { name: string }; provider: { name: string } };

export async function publishPacts(
  dir: string = PACT_DIR,
  fetchImpl: typeof fetch = fetch,
): Promise<string[]> {
  const broker = brokerSettings();
  if (!broker) return [];
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/hal+json',
  };
  if (broker.token) headers.Authorization = `Bearer ${broker.token}`;
  else if (broker.username)
    headers.Authorization = `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64')}`;
  const version = encodeURIComponent(participantVersion());
  const branch = participantBranch();
  const published: string[] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const file of files) {
    const body = readFileSync(path.join(dir, file), 'utf8');
    const pact = JSON.parse(body) as Pact;
    const consumer = encodeURIComponent(pact.consumer.name);
    const provider = encodeURIComponent(pact.provider.name);
    const base = broker.url.replace(/\/+$/, '');
    const put = async (url: string, content: string) => {
      const response = await fetchImpl(url, { method: 'PUT', headers, body: content });
      if (!response.ok)
        throw new Error(`PUT ${url} answered ${response.status}: ${await response.text()}`);
    };
    await put(`${base}/pacts/provider/${provider}/consumer/${consumer}/version/${version}`, body);
    if (branch)
      await put(
        `${base}/pacticipants/${consumer}/branches/${encodeURIComponent(branch)}/versions/${version}`,
        '{}',
      );
    published.push(`${pact.consumer.name} -> ${pact.provider.name}`);
  }
  return published;
}

if (require.main === module) {
  if (!brokerSettings()) {
    console.log(
      'publish-pacts: PACT_BROKER_BASE_URL is not set; providers verify the files in pacts/',
    );
  } else {
    publishPacts()
      .then((published) =>
        console.log(
          `publish-pacts: published ${published.length} pact(s): ${published.join(', ')}`,
        ),
      )
      .catch((err: unknown) => {
        console.error(`publish-pacts: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      });
  }
}
