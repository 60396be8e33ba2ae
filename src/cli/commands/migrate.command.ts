import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { createDatabase, migrateToLatest } from '../../server/db/database.ts';
import { log, printJson } from '../output.ts';

export async function migrateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig();
  const database = await createDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db, database.schema);
    if (values.json) printJson({ applied });
    else log(applied.length ? `已执行迁移: ${applied.join(', ')}` : '数据库已是最新');
    return 0;
  } finally {
    await database.close();
  }
}
