import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { verifyAuditChain } from '../../server/audit/audit.repository.ts';
import { log, printJson, progressBar } from '../output.ts';

export async function auditCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    const bar = progressBar('校验审计链');
    const report = await verifyAuditChain(opened.ctx.db, opened.ctx.ring, (d, t) => bar.update(d, t));
    bar.stop();
    if (values.json) printJson(report);
    else if (report.ok) log(`审计日志完整：已校验 ${report.checked} 条`);
    else log(`审计日志被篡改：第 ${report.firstBad!.seq} 条 — ${report.firstBad!.reason}`);
    return report.ok ? 0 : 1;
  } finally {
    await opened.close();
  }
}
