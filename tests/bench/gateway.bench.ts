/**
 * `make bench` — the local gateway against its baselines, measured in the same run on this machine:
 * (a) straight to a node:http upstream, (b) bazaar-gateway with jwt + rate-limiting (high limit) +
 * cors + correlation-id, (c) Debian's nginx as a plain keep-alive reverse proxy, and, to show the
 * floor any Node proxy starts from, (d) node-floor: node:http + undici Pool.dispatch relaying
 * bytes with no gateway logic at all. Load comes from
 * wrk (Debian). Throughput: wrk -t1 -c50, closed loop. Latency at a fixed ~1,000 req/s: wrk with a
 * Lua `delay()` of 20 ms on 20 connections (wrk2 is not packaged), so each connection sends one
 * request every ~20 ms; the rate wrk achieved is printed beside the percentiles.
 * Targets: gateway ≥ 50 % of nginx's requests/s; gateway adds ≤ 2 ms to the direct p99 at 1,000 req/s.
 * Exits 1 when a target is missed.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const DURATION = process.env.BENCH_DURATION ?? '10s';
const children: ChildProcess[] = [];
const work = mkdtempSync(path.join(tmpdir(), 'bazaar-gateway-bench-'));

function need(binary: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0) return;
  console.log(`${binary} is missing: apt-get install -y ${pkg}`);
  const r = spawnSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`could not install ${pkg}; install it and re-run`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200`);
}

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

function b64url(value: object | Buffer): string {
  return (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString(
    'base64url',
  );
}

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** CPU time (user + system) the measured proxy processes spent per request, in µs. */
  cpuPerRequest?: number;
}

/** utime + stime of the processes, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
function cpuTicks(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

function childPids(pid: number): number[] {
  const out = spawnSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

function ms(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

function wrk(
  url: string,
  headers: Record<string, string>,
  args: string[],
  pids: number[] = [],
): WrkResult {
  const h = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const before = cpuTicks(pids);
  const out = execFileSync('wrk', [...args, '--latency', ...h, url], { encoding: 'utf8' });
  const ticks = cpuTicks(pids) - before;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = ms(/ 50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = ms(/ 99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (errors) throw new Error(`${url}: ${errors[1]} non-2xx responses\n${out}`);
  return {
    rps,
    p50,
    p99,
    requests,
    cpuPerRequest: pids.length ? (ticks * TICK_US) / requests : undefined,
  };
}

async function main(): Promise<number> {
  need('wrk', 'wrk');
  need('nginx', 'nginx');
  const [upPort, gwPort, ngxPort, floorPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];

  // (a) the upstream, in its own process.
  const upstreamJs = path.join(work, 'upstream.js');
  writeFileSync(
    upstreamJs,
    `const body = Buffer.from('{"id":"p-1","name":"Bench product","price":{"amount":1999,"currency":"EUR"}}');
require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }); res.end(body); }); })
  .listen(${upPort}, '127.0.0.1');`,
  );
  const upstream = start(process.execPath, [upstreamJs]);

  // (b) bazaar-gateway with the four plugins of architecture.md §7 on the route.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const input = `${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url({ iss: 'bench-key', sub: 'bench', exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  const kongYml = path.join(work, 'kong.json');
  writeFileSync(
    kongYml,
    JSON.stringify({
      _format_version: '3.0',
      consumers: [
        {
          username: 'bench',
          jwt_secrets: [{ key: 'bench-key', algorithm: 'RS256', rsa_public_key: pem }],
        },
      ],
      services: [
        {
          name: 'bench',
          url: `http://127.0.0.1:${upPort}`,
          routes: [
            {
              name: 'bench-get-product',
              methods: ['GET', 'OPTIONS'],
              paths: ['~/api/v1/products/(?<productid>[^#?/]+)$'],
              strip_path: false,
              plugins: [
                { name: 'jwt', config: { claims_to_verify: ['exp'] } },
                { name: 'rate-limiting', config: { minute: 100000000, limit_by: 'consumer' } },
              ],
            },
          ],
        },
      ],
      plugins: [
        {
          name: 'cors',
          config: { origins: ['http://localhost:5173', 'https://shop.example'], credentials: true },
        },
        {
          name: 'correlation-id',
          config: { header_name: 'Correlation-Id', echo_downstream: true },
        },
      ],
    }),
  );
  const gateway = start(
    process.execPath,
    [
      path.join(root, 'gateway/runtime/bin/bazaar-gateway.js'),
      '--config',
      kongYml,
      '--listen',
      `127.0.0.1:${gwPort}`,
    ],
    {
      ...process.env,
      NODE_ENV: 'production',
    },
  );

  // (d) the Node floor: the cheapest keep-alive relay node:http + undici allow.
  const floorJs = path.join(work, 'node-floor.js');
  writeFileSync(
    floorJs,
    `const { Pool } = require(${JSON.stringify(require.resolve('undici'))});
const pool = new Pool('http://127.0.0.1:${upPort}', { pipelining: 1 });
require('node:http').createServer((req, res) => {
  pool.dispatch({ method: req.method, path: req.url, headers: req.rawHeaders, body: null }, {
    onConnect() {}, onUpgrade() {}, onError() { res.statusCode = 502; res.end(); },
    onHeaders(status, raw) { const h = []; for (let i = 0; i < raw.length; i += 2) { const n = raw[i].toString('latin1');
      if (!/^(connection|keep-alive|transfer-encoding)$/i.test(n)) h.push(n, raw[i + 1].toString('latin1')); }
      res.writeHead(status, h); return true; },
    onData(chunk) { return res.write(chunk); }, onComplete() { res.end(); },
  });
}).listen(${floorPort}, '127.0.0.1');`,
  );
  const floor = start(process.execPath, [floorJs]);

  // (c) nginx as a plain keep-alive reverse proxy, foreground, its files in the temp dir.
  const nginxConf = path.join(work, 'nginx.conf');
  writeFileSync(
    nginxConf,
    `worker_processes auto; daemon off; pid ${work}/nginx.pid; error_log ${work}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${work}/cb; proxy_temp_path ${work}/pt; fastcgi_temp_path ${work}/ft;
  uwsgi_temp_path ${work}/ut; scgi_temp_path ${work}/st;
  upstream up { server 127.0.0.1:${upPort}; keepalive 128; }
  server {
    listen 127.0.0.1:${ngxPort};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  );
  const nginx = start('nginx', ['-p', work, '-c', nginxConf]);

  const target = '/api/v1/products/p-1';
  const clientHeaders = {
    Authorization: `Bearer ${token}`,
    Origin: 'https://shop.example',
    Accept: 'application/json',
  };
  await waitFor(`http://127.0.0.1:${upPort}${target}`);
  await waitFor(`http://127.0.0.1:${gwPort}${target}`, clientHeaders);
  await waitFor(`http://127.0.0.1:${ngxPort}${target}`);
  await waitFor(`http://127.0.0.1:${floorPort}${target}`);

  // Which processes do the proxying work for each target (CPU per request is measured on them).
  const targets: Record<string, [string, number[]]> = {
    direct: [`http://127.0.0.1:${upPort}${target}`, [upstream.pid!]],
    gateway: [`http://127.0.0.1:${gwPort}${target}`, [gateway.pid!]],
    nginx: [`http://127.0.0.1:${ngxPort}${target}`, [nginx.pid!, ...childPids(nginx.pid!)]],
    'node-floor': [`http://127.0.0.1:${floorPort}${target}`, [floor.pid!]],
  };
  const throughput: Record<string, WrkResult> = {};
  const fixed: Record<string, WrkResult> = {};
  const rateScript = path.join(work, 'rate.lua');
  writeFileSync(rateScript, 'function delay()\n  return 20\nend\n');
  for (const [name, [url, pids]] of Object.entries(targets)) {
    wrk(url, clientHeaders, ['-t1', '-c50', '-d2s']); // warm-up: JIT, pools, caches
    throughput[name] = wrk(url, clientHeaders, ['-t1', '-c50', `-d${DURATION}`], pids);
    if (name !== 'node-floor')
      fixed[name] = wrk(url, clientHeaders, ['-t1', '-c20', `-d${DURATION}`, '-s', rateScript]);
  }

  const f = (n: number) => n.toFixed(2);
  console.log(
    `\nload generator: wrk (Debian); ${DURATION} per run; upstream, gateway and nginx are separate processes`,
  );
  console.log('\nthroughput (wrk -t1 -c50):');
  console.log(
    'target    requests/s   p50 ms   p99 ms   CPU µs/request (proxy processes; direct = upstream)',
  );
  for (const [name, r] of Object.entries(throughput)) {
    console.log(
      `${name.padEnd(9)} ${r.rps.toFixed(0).padStart(10)} ${f(r.p50).padStart(8)} ${f(r.p99).padStart(8)} ${(r.cpuPerRequest ?? NaN).toFixed(0).padStart(8)}`,
    );
  }
  console.log('\nfixed rate (wrk -t1 -c20, 20 ms delay per connection ≈ 1,000 req/s):');
  console.log('target    requests/s   p50 ms   p99 ms');
  for (const [name, r] of Object.entries(fixed)) {
    console.log(
      `${name.padEnd(9)} ${r.rps.toFixed(0).padStart(10)} ${f(r.p50).padStart(8)} ${f(r.p99).padStart(8)}`,
    );
  }
  const vsNginx = throughput.gateway!.rps / throughput.nginx!.rps;
  const vsDirect = throughput.gateway!.rps / throughput.direct!.rps;
  const addedP99 = fixed.gateway!.p99 - fixed.direct!.p99;
  const nginxAddedP99 = fixed.nginx!.p99 - fixed.direct!.p99;
  console.log(`\ngateway/nginx throughput   ${vsNginx.toFixed(2)}  (target ≥ 0.50)`);
  console.log(`gateway/direct throughput  ${vsDirect.toFixed(2)}`);
  const cpuRatio = throughput.nginx!.cpuPerRequest! / throughput.gateway!.cpuPerRequest!;
  console.log(
    `nginx/gateway CPU per request ${cpuRatio.toFixed(2)} (the throughput ratio the gateway could reach if both had the same CPU)`,
  );
  console.log(
    `gateway added p99 @ ~1k/s  ${f(addedP99)} ms  (target ≤ 2.00; nginx adds ${f(nginxAddedP99)} ms)`,
  );
  const floorVsNginx = throughput['node-floor']!.rps / throughput.nginx!.rps;
  console.log(
    `node-floor/nginx throughput ${floorVsNginx.toFixed(2)}; node-floor CPU/request ${throughput['node-floor']!.cpuPerRequest!.toFixed(0)} µs ` +
      '(what node:http + undici cost before any gateway logic)',
  );
  const ok = vsNginx >= 0.5 && addedP99 <= 2;
  console.log(ok ? 'gateway bench: targets met' : 'gateway bench: TARGET MISSED');
  return ok ? 0 : 1;
}

function cleanup(): void {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

main()
  .then((code) => {
    cleanup();
    process.exit(code);
  })
  .catch((err: unknown) => {
    console.error(err);
    cleanup();
    process.exit(1);
  });
