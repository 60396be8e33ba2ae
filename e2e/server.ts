// Starts a real server (SQLite in a temp dir, demo county seed, built web bundle) for one e2e file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { seedDemo } from '../src/server/seed/demo.seed.ts';

export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');

/** Satisfies the password policy (length, character classes, not common, no username). */
export const E2E_PASSWORD = 'Hq7#mZ2v!e2e';

export type SeedSummary = Awaited<ReturnType<typeof seedDemo>>;
export type SeedUser = SeedSummary['users'][number];

export interface E2eServer {
  baseUrl: string;
  password: string;
  seed: SeedSummary;
  close(): Promise<void>;
}

export async function startServer(options: { password?: string; port?: number } = {}): Promise<E2eServer> {
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
  const opened = await openContext(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const seed = await seedDemo(opened.ctx, { password, scale: 'county' });
    app = await buildApp(opened.ctx, { serveWeb: true });
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const server = app;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      password,
      seed,
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
