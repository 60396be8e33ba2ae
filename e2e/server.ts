// Starts a real server (SQLite in a temp dir, demo county seed, built web bundle) for one e2e file.
// The seeded county is made once per code version and day, then copied for each file (see seedTemplate).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import { seedDemo } from '../src/server/seed/demo.seed.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = join(ROOT, 'dist', 'web');
const TEMPLATE_PREFIX = 'dangjian-e2e-template-';

/** Satisfies the password policy (length, character classes, not common, no username). */
export const E2E_PASSWORD = 'Hq7#mZ2v!e2e';

export type SeedSummary = Awaited<ReturnType<typeof seedDemo>>;
export type SeedUser = SeedSummary['users'][number];

export interface E2eServer {
  baseUrl: string;
  password: string;
  seed: SeedSummary;
  /** Moves the server's clock (null: back to the real one); sessions older than the move may expire. */
  setNow(at: Date | null): void;
  close(): Promise<void>;
}

export async function startServer(
  options: {
    password?: string;
    port?: number;
    /** A world of the test's own instead of the demo county (no template is kept for it). */
    world?: (ctx: AppContext, password: string) => Promise<SeedSummary>;
  } = {},
): Promise<E2eServer> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `e2e: web bundle missing (${join(WEB_DIST, 'index.html')}). Run "npm run build" before the e2e tests.`,
    );
  }
  const password = options.password ?? E2E_PASSWORD;
  const tmp = mkdtempSync(join(tmpdir(), 'dangjian-e2e-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: join(tmp, 'e2e.db'),
    DANGJIAN_KEY_FILE: join(tmp, 'keys.json'),
    DANGJIAN_KDF_LOG_N: '10',
    DANGJIAN_WEB_DIST: WEB_DIST,
    // Several logins per file from one IP: keep the per-IP throttle out of the way.
    DANGJIAN_LOGIN_PER_IP_PER_MINUTE: '1000',
  });
  const templateDir = join(tmpdir(), `${TEMPLATE_PREFIX}${templateKey(password)}`);
  const fromTemplate = options.world ? null : copyTemplate(templateDir, tmp);
  const opened = await openContext(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    let seed: SeedSummary;
    if (options.world) {
      seed = await options.world(opened.ctx, password);
    } else if (fromTemplate) {
      seed = fromTemplate;
    } else {
      seed = await seedDemo(opened.ctx, { password, scale: 'county' });
      await saveTemplate(opened.ctx.db, tmp, seed, templateDir);
    }
    app = await buildApp(opened.ctx, { serveWeb: true });
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const server = app;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      password,
      seed,
      setNow(at) {
        // Services read the clock through the one context object the app was built with.
        (opened.ctx as { now: () => Date }).now = at ? () => new Date(at) : () => new Date();
      },
      async close() {
        await server.close();
        await opened.close();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await opened.close();
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Seed template: seeding the county takes most of an e2e file's set-up, and every file needs the
// same county. The first file seeds it and leaves a copy (SQLite `vacuum into`, the key file and
// the seed summary) keyed by the source code, the password and the day; later files copy it.

/** Changes when any server/core source file, the password or the (Beijing) day changes. */
function templateKey(password: string): string {
  const hash = createHash('sha256')
    .update(password)
    .update(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'src'));
  return hash.digest('hex').slice(0, 16);
}

function copyTemplate(templateDir: string, into: string): SeedSummary | null {
  try {
    if (!existsSync(join(templateDir, 'seed.json'))) return null;
    copyFileSync(join(templateDir, 'e2e.db'), join(into, 'e2e.db'));
    copyFileSync(join(templateDir, 'keys.json'), join(into, 'keys.json'));
    return JSON.parse(readFileSync(join(templateDir, 'seed.json'), 'utf8')) as SeedSummary;
  } catch {
    // A template removed or half-read by a concurrent run: seed afresh.
    rmSync(join(into, 'e2e.db'), { force: true });
    rmSync(join(into, 'keys.json'), { force: true });
    return null;
  }
}

async function saveTemplate(
  db: AppContext['db'],
  from: string,
  seed: SeedSummary,
  templateDir: string,
): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'dangjian-e2e-staging-'));
  try {
    await sql`vacuum into ${join(staging, 'e2e.db')}`.execute(db);
    copyFileSync(join(from, 'keys.json'), join(staging, 'keys.json'));
    writeFileSync(join(staging, 'seed.json'), JSON.stringify(seed));
    renameSync(staging, templateDir); // atomic; fails when a concurrent run got there first
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  // Templates of older code versions: remove those not touched for six hours.
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(TEMPLATE_PREFIX) || join(tmpdir(), name) === templateDir) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > 6 * 3600_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it
    }
  }
}
