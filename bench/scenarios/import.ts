// Roster import of 100,000 rows (issue 4's target ≤ 10 s): a generated .xlsx, as a party
// worker would upload it, run through the roster module's import service — dry run, then
// commit (all-or-nothing). Runs last: the commit adds 100,000 members to the benchmark data.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { IMPORT_HEADERS, importRows } from '../../src/server/bench-support/import-rows.ts';
import { BRANCH_KINDS } from '../../src/core/org/org.types.ts';
import { pathUpperBound } from '../../src/server/db/dialect.ts';
import type { BenchEnv } from '../env.ts';
import { exported, importOptional, type Loose } from '../optional.ts';
import type { Scenario } from '../scenario.ts';

export const IMPORT_ROWS = 100_000;
const IMPORT_MODULE = 'src/server/modules/roster/roster.import.ts';

async function workbook(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('党员');
  ws.addRow([...IMPORT_HEADERS]).commit();
  for (const r of rows) ws.addRow([...r]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The file for this database: branch codes of the whole tree; an ID area not used by the seed (a new one per committed run). */
async function buildFile(env: BenchEnv): Promise<Buffer> {
  const branches = await env.base.db
    .selectFrom('orgs')
    .select('code')
    .where('path', '>=', env.orgs.root.path)
    .where('path', '<', pathUpperBound(env.orgs.root.path))
    .where('kind', 'in', [...BRANCH_KINDS])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const runs = await sql<{ n: number }>`select count(*) as n from roster_import_jobs where dry_run = 0`
    .execute(env.base.db)
    .catch(() => ({ rows: [{ n: 0 }] }));
  const k = Number(runs.rows[0]?.n ?? 0);
  const rows = importRows(IMPORT_ROWS, {
    area: `3399${String(10 + (k % 90)).padStart(2, '0')}`,
    orgCodes: branches.map((b) => b.code),
    today: env.today,
    seed: 20261123 + k,
  });
  return workbook(rows);
}

/** One file per benchmark database: the dry run and the commit read the same bytes. */
const files = new WeakMap<BenchEnv, Promise<Buffer>>();

function fileFor(env: BenchEnv): Promise<Buffer> {
  let f = files.get(env);
  if (!f) {
    f = buildFile(env);
    files.set(env, f);
  }
  return f;
}

async function importer(): Promise<Loose | null> {
  return exported(await importOptional(IMPORT_MODULE), 'runImport');
}

function importScenario(name: string, title: string, dryRun: boolean): Scenario {
  return {
    name,
    title,
    targets: () => [{ label: '10万行 < 10 s', totalMs: 10_000 }],
    async prepare(env) {
      const run = await importer();
      if (!run) return { skip: '名册模块尚未提供 runImport()' };
      const buffer = await fileFor(env);
      const admin = await env.base.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', '=', env.users.root)
        .executeTakeFirstOrThrow();
      return {
        kind: 'once',
        via: `roster.import runImport(${dryRun ? 'dryRun' : '提交'}), ${(buffer.length / 1_048_576).toFixed(1)} MB .xlsx`,
        async run() {
          const outcome = (await run(env.base, {
            buffer,
            scopePath: env.orgs.root.path,
            actor: { userId: admin.id, username: admin.username },
            // Every generated row is valid: rejected rows are a reader defect, noted below the table.
            // allowPartial keeps the commit timed on the valid rows even then.
            dryRun,
            allowPartial: true,
            fileName: `bench-${IMPORT_ROWS}.xlsx`,
          })) as {
            report: {
              total: number;
              valid: number;
              imported: number;
              errors: { row: number; message: string }[];
            };
          };
          const r = outcome.report;
          if (r.total !== IMPORT_ROWS) throw new Error(`读到 ${r.total} 行，应为 ${IMPORT_ROWS} 行`);
          const rows = dryRun ? r.valid : r.imported;
          if (r.errors.length === 0) return rows;
          const rejected = new Set(r.errors.map((e) => e.row)).size;
          return {
            rows,
            note: `生成的 ${IMPORT_ROWS} 行全部合法，却有 ${rejected} 行被拒（例: ${r.errors[0]!.message}），见 docs/performance.md`,
          };
        },
      };
    },
  };
}

export const IMPORT_SCENARIOS: Scenario[] = [
  importScenario('import-dry-run', '名册导入 10 万行：试导入（只校验）', true),
  importScenario('import-commit', '名册导入 10 万行：正式导入', false),
];
