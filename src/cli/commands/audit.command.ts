import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { verifyAuditChain } from '../../server/audit/audit.repository.ts';
import { anchorFilePath, readAnchors, writeAuditedAnchor } from '../../server/audit/audit-anchor.ts';
import { log, printJson, progressBar } from '../output.ts';

export async function auditCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const config = loadConfig();
  const opened = await openContext(config, { createKeys: false });
  try {
    const anchors = readAnchors(anchorFilePath(config), opened.ctx.ring);
    const bar = progressBar('校验审计链');
    const report = await verifyAuditChain(opened.ctx.db, opened.ctx.ring, (d, t) => bar.update(d, t), {
      anchors: anchors.valid,
    });
    bar.stop();
    if (!anchors.exists)
      log(
        `警告: 未找到审计锚点文件 ${anchors.file}，无法发现链尾被截断（运行 dangjian audit anchor，或由服务定期生成）`,
      );
    if (anchors.invalid > 0)
      log(`警告: 审计锚点文件中有 ${anchors.invalid} 行无法用本部署的密钥验证，已忽略`);
    if (values.json)
      printJson({
        ...report,
        anchorFile: anchors.file,
        anchorFileFound: anchors.exists,
        anchorsInvalid: anchors.invalid,
      });
    else if (report.ok) {
      const anchored = report.anchor
        ? `；与外部锚点一致（至第 ${report.anchor.seq} 条，${report.anchor.at}）`
        : '';
      log(`审计日志完整：已校验 ${report.checked} 条${anchored}`);
    } else log(`审计日志被篡改：第 ${report.firstBad!.seq} 条 — ${report.firstBad!.reason}`);
    return report.ok ? 0 : 1;
  } finally {
    await opened.close();
  }
}

/** `audit anchor`: records (audited) a signed checkpoint of the chain's head in the anchor file. */
export async function auditAnchorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const config = loadConfig();
  const opened = await openContext(config, { createKeys: false });
  try {
    const file = anchorFilePath(config);
    const anchor = await writeAuditedAnchor(opened.ctx.db, opened.ctx.ring, {
      file,
      by: 'cli',
      actorUsername: `cli:${process.env.USER ?? 'unknown'}`,
      now: new Date(),
    });
    if (values.json) printJson({ ok: true, file, seq: anchor.seq, hash: anchor.hash, at: anchor.at });
    else log(`已记录审计锚点：第 ${anchor.seq} 条（${anchor.at}）→ ${file}`);
    return 0;
  } finally {
    await opened.close();
  }
}
