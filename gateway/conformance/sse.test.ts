/**
 * Server-sent events conformance: a `text/event-stream` response is streamed event by event, not
 * buffered until the upstream finishes (the gateway never buffers responses).
 */
import { request } from 'node:http';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite((up) => ({
    services: [
      {
        name: 'sse-echo',
        url: serviceUrl(up),
        routes: [{ name: 'sse-r', paths: ['/sse'], strip_path: false }],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

describe('sse', () => {
  it('delivers the first event before the stream ends', async () => {
    const url = new URL(suite.url);
    const result = await new Promise<{
      firstChunk: string;
      endedAfterFirst: boolean;
      contentType: string;
      all: string;
    }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/sse/5',
          headers: { Host: 'sse.test', Accept: 'text/event-stream' },
          agent: false,
        },
        (res) => {
          let first: string | undefined;
          let ended = false;
          let all = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            all += chunk;
            if (first === undefined) {
              first = chunk;
              // The upstream sends 5 events 50 ms apart: the stream must still be open now.
              setImmediate(() => (ended = res.complete));
            }
          });
          res.on('end', () =>
            resolve({
              firstChunk: first ?? '',
              endedAfterFirst: ended,
              contentType: String(res.headers['content-type']),
              all,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(result.contentType).toBe('text/event-stream');
    expect(result.firstChunk).toBe('id: 1\ndata: event 1\n\n');
    expect(result.endedAfterFirst).toBe(false);
    expect(result.all.match(/^data: /gm)).toHaveLength(5);
  });
});
