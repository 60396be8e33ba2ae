// HTTP throughput of authenticated reads over loopback: the real app listening on
// 127.0.0.1 (port 0), a real session cookie from POST /api/auth/login, and autocannon in a
// worker thread (so the load generator does not share the server's event loop), for a
// bounded time.
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { buildApp } from '../../src/server/app.ts';
import type { ThroughputFigure } from '../../src/server/bench-support/report.ts';
import type { BenchEnv } from '../env.ts';
import { BENCH_PASSWORD } from '../env.ts';
import type { Scenario } from '../scenario.ts';

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p97_5: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function loadTest(
  env: BenchEnv,
  username: string,
  path: (env: BenchEnv) => string,
): Promise<ThroughputFigure> {
  // A separate app on the plain context: no statement recorder on this path.
  const app = await buildApp(env.base);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`登录 ${username} 失败: HTTP ${login.status}`);
    const sid = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('dj_sid='));
    if (!sid) throw new Error('登录没有返回会话 cookie');
    const url = path(env);
    const probe = await fetch(base + url, { headers: { cookie: sid } });
    if (probe.status !== 200) throw new Error(`GET ${url}: HTTP ${probe.status}`);
    const result = await autocannon({
      url: base + url,
      headers: { cookie: sid },
      connections: env.options.connections,
      duration: env.options.durationSec,
      workers: 1,
    });
    return {
      url: `GET ${url.replace(/\/\d+(?=\/|$)/g, '/:id')}`,
      connections: env.options.connections,
      durationSec: env.options.durationSec,
      requests: result['2xx'] + result.non2xx,
      requestsPerSec: result.requests.average,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      latencyP50Ms: result.latency.p50,
      latencyP97_5Ms: result.latency.p97_5,
      latencyP99Ms: result.latency.p99,
    };
  } finally {
    await app.close();
  }
}

const target = () => [{ label: '≥ 3,000 请求/s', requestsPerSec: 3000 }];

export const HTTP_SCENARIOS: Scenario[] = [
  {
    name: 'http-me',
    title: 'HTTP 吞吐：当前用户（仅会话校验）',
    targets: target,
    async prepare(env) {
      return {
        kind: 'throughput',
        via: 'autocannon',
        run: () => loadTest(env, env.users.township, () => '/api/me'),
      };
    },
  },
  {
    name: 'http-org',
    title: 'HTTP 吞吐：乡镇组织详情',
    targets: target,
    async prepare(env) {
      return {
        kind: 'throughput',
        via: 'autocannon',
        run: () => loadTest(env, env.users.township, (e) => `/api/orgs/${e.orgs.township.id}`),
      };
    },
  },
];
