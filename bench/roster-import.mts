// Benchmark: import a 100,000-row workbook (dry run, then commit) into a copy of a demo
// database. Usage: DATABASE_URL=… npx tsx bench/roster-import.mts [rows]
// Prints the time of each phase and the peak resident memory.
import ExcelJS from 'exceljs';
import { loadavg } from 'node:os';
import { PassThrough } from 'node:stream';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { runImport } from '../src/server/modules/roster/roster.import.ts';
import { validSampleRow } from '../src/server/modules/roster/roster.sample-workbook.ts';
import { ALL_IMPORT_COLUMNS } from '../src/core/roster/roster.constants.ts';

const rows = Number(process.argv[2] ?? 100_000);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

async function workbook(n: number, codes: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('党员信息');
  ws.addRow([...ALL_IMPORT_COLUMNS]).commit();
  for (let i = 0; i < n; i++) {
    const r = validSampleRow(500_000 + i, codes[i % codes.length]!);
    ws.addRow(ALL_IMPORT_COLUMNS.map((c) => r[c] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const opened = await openContext(loadConfig());
const { ctx } = opened;
const codes = (await ctx.db.selectFrom('orgs').select('code').where('kind', '=', '党支部').where('status', '=', 'active').limit(200).execute()).map((r) => r.code);
let t = performance.now();
const file = await workbook(rows, codes);
console.log(`workbook: ${rows} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB, built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
for (const dryRun of [true, false]) {
  peak = 0;
  t = performance.now();
  const cpu = process.cpuUsage();
  const { report } = await runImport(ctx, { buffer: file, scopePath: '/', actor: { userId: null, username: 'bench' }, dryRun, allowPartial: false, fileName: 'bench.xlsx' });
  const used = process.cpuUsage(cpu);
  console.log(`${dryRun ? 'dry run' : 'commit '}: ${((performance.now() - t) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (machine load ${loadavg()[0]!.toFixed(1)}), total ${report.total}, valid ${report.valid}, imported ${report.imported}, errors ${report.errors.length}, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB (${ctx.engine})`);
}
clearInterval(sampler);
await opened.close();
