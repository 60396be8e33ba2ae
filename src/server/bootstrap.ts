// Opens everything a process needs: configuration, crypto self-test, keys, database, migrations.
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { loadKeyRing } from './crypto/keys.ts';
import { runKnownAnswerTests } from './crypto/sm.ts';
import { createDatabase, migrateToLatest } from './db/database.ts';

export interface OpenedContext {
  ctx: AppContext;
  close(): Promise<void>;
  keyFileCreated: boolean;
}

export async function openContext(
  config: AppConfig,
  options: { migrate?: boolean; createKeys?: boolean } = {},
): Promise<OpenedContext> {
  runKnownAnswerTests();
  const { ring, created } = loadKeyRing({
    keyFile: config.keyFile,
    ...(config.masterKey ? { masterKeyEnv: config.masterKey } : {}),
    createIfMissing: options.createKeys ?? true,
  });
  const database = await createDatabase(config.databaseUrl);
  if (options.migrate ?? true) await migrateToLatest(database.db, database.schema);
  const ctx: AppContext = { db: database.db, engine: database.engine, ring, config, now: () => new Date() };
  return { ctx, close: () => database.close(), keyFileCreated: created };
}
