// Development services: documents and export.
import ExcelJS from 'exceljs';
import { voteOutcome } from '../../../core/development/development.rules.ts';
import type { MemberSnapshot, VoteRecord } from '../../../core/development/development.types.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { requireCandidate, toStepRecord } from './development-common.service.ts';
import { auditReport } from './development-reads.service.ts';
import { branchResolution, buildDocx, publicityNotice } from './development.documents.ts';
import { canReadDev } from './development.policy.ts';
import * as repo from './development.repository.ts';

export async function document(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  kind: 'publicity' | 'resolution',
  stepNo: number | undefined,
) {
  const cand = await requireCandidate(ctx, rc, id, canReadDev);
  const steps = (await repo.stepsOf(ctx.db, id)).map(toStepRecord);
  const chain = await repo.orgChain(ctx.db, pathIds(cand.org_path));
  const branch = chain[chain.length - 1]!;
  const committee =
    [...chain].reverse().find((o) => o.id !== branch.id && (o.kind === '党委' || o.kind === '党工委')) ??
    branch;
  const firstOf = (n: number) =>
    steps.filter((s) => s.step === n).sort((a, b) => a.doneOn.localeCompare(b.doneOn))[0];
  const lastOf = (n: number) =>
    steps
      .filter((s) => s.step === n)
      .sort((a, b) => a.doneOn.localeCompare(b.doneOn))
      .pop();
  const facts = {
    name: cand.name,
    gender: cand.gender,
    birthDate: cand.birth_date,
    branchName: branch.name,
    committeeName: committee.name,
    appliedOn: cand.applied_on,
    activistOn: firstOf(3)?.doneOn ?? null,
    targetOn: firstOf(7)?.doneOn ?? null,
  };
  if (kind === 'publicity') {
    const candidatesSteps = stepNo ? [stepNo] : [23, 13, 7];
    const rec = candidatesSteps.map(lastOf).find((s) => s && s.data.publicityStart && s.data.publicityEnd);
    if (!rec) throw notFound('公示记录');
    const start = String(rec.data.publicityStart);
    const paragraphs = publicityNotice(facts, rec.step, start, String(rec.data.publicityEnd), start);
    return { fileName: `${cand.name}-公示.docx`, body: buildDocx(paragraphs) };
  }
  const meeting = stepNo === 23 ? lastOf(23) : stepNo === 15 ? firstOf(15) : (lastOf(23) ?? firstOf(15));
  if (!meeting || !meeting.data.vote) throw notFound('支部大会表决记录');
  const v = meeting.data.vote as VoteRecord;
  const outcome = voteOutcome(v, meeting.doneOn, ctx.config.rulebook);
  const intro = (firstOf(9)?.data.introducers as MemberSnapshot[] | undefined) ?? [];
  const paragraphs = branchResolution({
    ...facts,
    meetingOn: meeting.doneOn,
    fullMembers: v.fullMembers,
    excluded: v.exclusions.length,
    suspended: v.suspended ?? 0,
    present: v.present,
    for: v.for,
    against: v.against,
    abstain: v.abstain,
    passed: outcome.quorum && outcome.passed,
    introducers: meeting.step === 15 ? intro.map((p) => p.name) : [],
    purpose: meeting.step === 15 ? '接收预备党员' : '预备党员转正',
  });
  return { fileName: `${cand.name}-支部大会决议.docx`, body: buildDocx(paragraphs) };
}

export async function auditWorkbook(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
): Promise<{ fileName: string; body: Buffer }> {
  const { data } = await auditReport(ctx, rc, orgId);
  const wb = new ExcelJS.Workbook();
  const v = wb.addWorksheet('违规问题');
  v.columns = [
    { header: '申请人', key: 'candidate', width: 12 },
    { header: '党支部', key: 'orgName', width: 30 },
    { header: '步骤', key: 'step', width: 8 },
    { header: '问题代码', key: 'code', width: 24 },
    { header: '依据', key: 'ruleTitle', width: 40 },
    { header: '问题及证据', key: 'detail', width: 60 },
  ];
  for (const row of data.violations) v.addRow(row);
  const u = wb.addWorksheet('即将到期');
  u.columns = [
    { header: '申请人', key: 'candidate', width: 12 },
    { header: '党支部', key: 'orgName', width: 30 },
    { header: '期限', key: 'due', width: 12 },
    { header: '事项', key: 'what', width: 50 },
  ];
  for (const row of data.upcoming) u.addRow(row);
  for (const ws of [v, u]) ws.getRow(1).font = { bold: true };
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${data.org.name}-发展党员自查自纠-${data.on}.xlsx`, body };
}
