import { describe, expect, it } from 'vitest';
import { checkTargets, enginesFor, renderMarkdown, type BenchReport, type ScenarioResult } from './report.ts';

describe('enginesFor', () => {
  it.each([
    ['county', null, ['sqlite', 'postgres']],
    ['city', null, ['sqlite', 'postgres']],
    ['province', null, ['postgres']],
    ['county', 'sqlite', ['sqlite']],
    ['province', 'sqlite', []],
    ['province', 'postgres', ['postgres']],
  ] as const)('%s with %s → %j', (scale, asked, want) => {
    expect(enginesFor(scale, asked)).toEqual(want);
  });
});

describe('checkTargets', () => {
  const none = { p95Ms: null, totalMs: null, requestsPerSec: null, ratio: null };
  it.each([
    [{ label: 'p95 < 50 ms', p95Ms: 50 }, { ...none, p95Ms: 49.9 }, true],
    [{ label: 'p95 < 50 ms', p95Ms: 50 }, { ...none, p95Ms: 50 }, false],
    [{ label: '< 10 s', totalMs: 10_000 }, { ...none, totalMs: 9_999 }, true],
    [{ label: '< 10 s', totalMs: 10_000 }, { ...none, totalMs: 10_000 }, false],
    [{ label: '≥ 3000/s', requestsPerSec: 3000 }, { ...none, requestsPerSec: 3000 }, true],
    [{ label: '≥ 3000/s', requestsPerSec: 3000 }, { ...none, requestsPerSec: 2999 }, false],
    [{ label: 'ratio ≤ 1.5', maxRatio: 1.5 }, { ...none, ratio: 1.5 }, true],
    [{ label: 'ratio ≤ 1.5', maxRatio: 1.5 }, { ...none, ratio: 1.51 }, false],
    [{ label: 'ratio ≤ 1.5', maxRatio: 1.5 }, none, null],
  ])('%j on %j → %s', (spec, figures, met) => {
    const [check] = checkTargets([spec], figures);
    expect(check!.met).toBe(met);
    expect(check!.label).toBe(spec.label);
  });
});

describe('renderMarkdown', () => {
  const base: ScenarioResult = {
    name: 'subtree-read',
    title: '子树读取（乡镇）',
    via: 'HTTP GET /api/orgs/:id',
    status: 'ok',
    iterations: 30,
    p50Ms: 4.2,
    p95Ms: 6.1,
    maxMs: 9,
    cpuMs: 2.5,
    rows: 12,
    rowsPerSec: 2857,
    peakRssMb: 180,
    sql: { queries: 7, writes: 0, p50Ms: 3, ratio: 1.4 },
    throughput: null,
    targets: [{ label: 'p95 < 50 ms', value: 6.1, met: true }],
  };
  const report: BenchReport = {
    version: 1,
    scale: 'county',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:02:00.000Z',
    totalMs: 120_000,
    peakRssMb: 300,
    machine: {
      cpus: 2,
      cpuModel: 'x',
      memoryMb: 4096,
      loadAverage: [1, 1, 1],
      node: 'v20',
      platform: 'linux',
      sqlite: '3.50',
      postgres: '15',
    },
    runs: [
      {
        engine: 'sqlite',
        database: 'temp file',
        ms: 100_000,
        seed: { reused: false, ms: 20_000, orgs: 512, members: 9939, modules: [], analyzeMs: 300 },
        scenarios: [
          base,
          {
            ...base,
            name: 'skipped',
            title: '组织生活合规（县）',
            status: 'skipped',
            reason: '模块尚未提供服务函数',
          },
          { ...base, name: 'import', title: '名册导入', note: '3 行被误判' },
          {
            ...base,
            name: 'http',
            title: 'HTTP 吞吐',
            sql: null,
            throughput: {
              url: 'GET /api/me',
              connections: 10,
              durationSec: 6,
              requests: 30000,
              requestsPerSec: 5000,
              non2xx: 0,
              errors: 0,
              latencyP50Ms: 1,
              latencyP97_5Ms: 4,
              latencyP99Ms: 6,
            },
            targets: [{ label: '≥ 3000 请求/s', value: 5000, met: true }],
          },
        ],
      },
    ],
  };
  const md = renderMarkdown(report);

  it('has a row per measured scenario with its figures and ratio', () => {
    expect(md).toContain(
      '| 子树读取（乡镇） | HTTP GET /api/orgs/:id | 30 | 4.20 | 6.10 | 9.00 | 2.50 | 12 | 2,857 | 180 | 3.00 | 1.40 | ✅ p95 < 50 ms |',
    );
  });

  it('puts throughput in its own table and lists skipped scenarios with the reason', () => {
    expect(md).toContain(
      '| HTTP 吞吐 | GET /api/me | 10 | 6 | 30,000 | 5,000 | 0 | 0 | 1.00 / 4.00 / 6.00 | 180 | ✅ ≥ 3000 请求/s |',
    );
    expect(md).toContain('- 跳过: 组织生活合规（县） — 模块尚未提供服务函数');
    expect(md).toContain('512 个组织, 9,939 名党员');
    expect(md).toContain('- 注: 名册导入 — 3 行被误判');
  });
});
