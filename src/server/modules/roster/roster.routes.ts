import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  communityDetailQuery,
  communityEndBody,
  communityListQuery,
  communityRegisterBody,
  exportQuery,
  externalCreateBody,
  externalListQuery,
  floatingContactBody,
  floatingCreateBody,
  floatingEndBody,
  floatingListQuery,
  graduateListQuery,
  importQuery,
  memberListQuery,
  myTransferRequestBody,
  profileBody,
  slipBody,
  structureQuery,
  transferActionBody,
  transferCreateBody,
  transferListQuery,
  transferRequestDeclineBody,
  transferRequestListQuery,
  volunteerServiceBody,
  volunteerServicePatchBody,
} from '../../../core/roster/roster.schemas.ts';
import { endDisciplineBody, recordDisciplineBody } from '../../../core/roster/discipline.schemas.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/auth.plugin.ts';
import { signedIn } from '../../http/policy.ts';
import { ROSTER_ADMINS, ROSTER_STAFF, SELF_SERVICE } from './roster.policy.ts';
import * as community from './roster-community.service.ts';
import * as discipline from './roster-discipline.service.ts';
import * as external from './roster-external.service.ts';
import * as floating from './roster-floating.service.ts';
import * as graduates from './roster-graduates.service.ts';
import * as requests from './roster-request.service.ts';
import { transferTargets } from './roster-transfer-targets.ts';
import * as service from './roster.service.ts';
import { buildTemplate, IMPORT_LIMITS, XLSX_MIME } from './roster.xlsx.ts';
import { interruptOrphanedImports } from './roster.import.ts';

const tags = ['党员名册'];
const staff = signedIn(ROSTER_STAFF);
const admins = signedIn(ROSTER_ADMINS);
const idParams = (label: string) =>
  z.object({ id: z.coerce.number().int(`${label}ID不正确`).positive(`${label}ID不正确`) });
const serviceParams = idParams('社区报到').extend({
  serviceId: z.coerce.number().int('志愿服务记录ID不正确').positive('志愿服务记录ID不正确'),
});

function sendXlsx(reply: FastifyReply, file: Buffer, name: string) {
  return reply
    .header('content-type', XLSX_MIME)
    .header(
      'content-disposition',
      `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('cache-control', 'no-store')
    .send(file);
}

/**
 * Routes of the roster module (issue 4). Uploads are the raw .xlsx body
 * (content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), limited in size.
 */
export function registerRosterRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addContentTypeParser(
    XLSX_MIME,
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.maxFileBytes },
    (_req, body, done) => done(null, body),
  );
  // On start-up: import jobs left running by a process that stopped are marked interrupted.
  app.addHook('onReady', async () => {
    const interrupted = await interruptOrphanedImports(ctx);
    if (interrupted.length > 0) app.log.warn({ jobs: interrupted }, 'import jobs interrupted by a restart');
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/roster/import-template.xlsx', {
    config: { policy: staff },
    schema: { tags, summary: '下载党员信息导入模板' },
    handler: async (_req, reply) => sendXlsx(reply, await buildTemplate(), '党员信息导入模板.xlsx'),
  });

  r.post('/api/roster/imports', {
    config: { policy: staff },
    bodyLimit: IMPORT_LIMITS.maxFileBytes,
    schema: {
      tags,
      summary: '上传.xlsx导入党员（dryRun=1 仅校验）；返回导入任务，轮询其进度与结果',
      querystring: importQuery,
    },
    handler: async (req, reply) =>
      reply.status(202).send(
        await service.startImport(ctx, req.rc, req.body, {
          dryRun: req.query.dryRun === '1',
          allowPartial: req.query.allowPartial === '1',
          fileName: req.query.fileName ?? null,
        }),
      ),
  });

  r.get('/api/roster/imports/:id', {
    config: { policy: staff },
    schema: { tags, summary: '导入任务的进度与结果', params: idParams('导入任务') },
    handler: (req) => service.getImport(ctx, req.rc, req.params.id),
  });

  r.get('/api/roster/imports/:id/errors.xlsx', {
    config: { policy: staff },
    schema: { tags, summary: '下载错误标注工作簿', params: idParams('导入任务') },
    handler: async (req, reply) => {
      const { file, name } = await service.importErrorWorkbook(ctx, req.rc, req.params.id);
      return sendXlsx(reply, file, name);
    },
  });

  r.get('/api/roster/members', {
    config: { policy: staff },
    schema: { tags, summary: '党员名册（按组织子树，键集分页）', querystring: memberListQuery },
    handler: (req) => service.listMembers(ctx, req.rc, req.query),
  });

  r.get('/api/roster/members/:id', {
    config: { policy: staff },
    schema: { tags, summary: '党员档案（脱敏）', params: idParams('党员') },
    handler: (req) => service.getMember(ctx, req.rc, req.params.id),
  });

  r.post('/api/roster/members/:id/reveal', {
    config: { policy: admins },
    schema: { tags, summary: '查看明文身份证号、电话、住址（留痕）', params: idParams('党员') },
    handler: (req) => service.revealMember(ctx, req.rc, req.params.id),
  });

  r.patch('/api/roster/members/:id/profile', {
    config: { policy: staff },
    schema: { tags, summary: '维护党员档案补充信息', params: idParams('党员'), body: profileBody },
    handler: (req) => service.updateProfile(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/roster/members/:id/discipline', {
    config: { policy: admins },
    schema: {
      tags,
      summary: '记录留党察看处分（开始日期、期限1年或2年、处分决定文号；留痕）',
      params: idParams('党员'),
      body: recordDisciplineBody,
    },
    handler: (req) => discipline.recordDiscipline(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/roster/members/:id/discipline/:disciplineId/end', {
    config: { policy: admins },
    schema: {
      tags,
      summary: '结束留党察看：期满恢复党员权利，或处分撤销（留痕）',
      params: idParams('党员').extend({
        disciplineId: z.coerce.number().int('留党察看记录ID不正确').positive('留党察看记录ID不正确'),
      }),
      body: endDisciplineBody,
    },
    handler: (req) => discipline.endDiscipline(ctx, req.rc, req.params.id, req.params.disciplineId, req.body),
  });

  r.get('/api/roster/export.xlsx', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '导出党员名册（默认脱敏；unmask=1 仅组织管理员，留痕）',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const { file, name } = await service.exportMembers(ctx, req.rc, req.query);
      return sendXlsx(reply, file, name);
    },
  });

  r.get('/api/roster/structure', {
    config: { policy: staff },
    schema: { tags, summary: '党员队伍结构分析', querystring: structureQuery },
    handler: (req) => service.structure(ctx, req.rc, req.query.orgId),
  });

  r.get('/api/roster/structure.xlsx', {
    config: { policy: staff },
    schema: { tags, summary: '导出党员队伍结构分析', querystring: structureQuery },
    handler: async (req, reply) => {
      const { file, name } = await service.structureWorkbook(ctx, req.rc, req.query.orgId);
      return sendXlsx(reply, file, name);
    },
  });

  r.get('/api/roster/transfers', {
    config: { policy: staff },
    schema: { tags, summary: '组织关系转接（转出、待审批、转入）', querystring: transferListQuery },
    handler: (req) => service.listTransfers(ctx, req.rc, req.query.orgId, req.query.status),
  });

  r.post('/api/roster/transfers', {
    config: { policy: staff },
    schema: { tags, summary: '发起组织关系转接', body: transferCreateBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createTransfer(ctx, req.rc, req.body)),
  });

  r.get('/api/roster/transfers/:id', {
    config: { policy: staff },
    schema: { tags, summary: '转接详情', params: idParams('转接') },
    handler: (req) => service.getTransfer(ctx, req.rc, req.params.id),
  });

  r.post('/api/roster/transfers/:id/actions', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '审批、接收、退回或撤回转接',
      params: idParams('转接'),
      body: transferActionBody,
    },
    handler: (req) => service.actOnTransfer(ctx, req.rc, req.params.id, req.body),
  });

  r.get('/api/roster/transfers/:id/letter', {
    config: { policy: staff },
    schema: { tags, summary: '组织关系介绍信（含回执，可打印或另存为PDF）', params: idParams('转接') },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
        )
        .send(await service.transferLetter(ctx, req.rc, req.params.id)),
  });

  // ---- transfers across the system's boundary
  r.get('/api/roster/external-transfers', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '系统外组织关系转接（转出介绍信与回执、系统外转入）',
      querystring: externalListQuery,
    },
    handler: (req) => external.listExternal(ctx, req.rc, req.query),
  });

  r.post('/api/roster/external-transfers', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '开具转出系统外的介绍信，或登记从系统外转入（介绍信编号）',
      body: externalCreateBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await external.createExternal(ctx, req.rc, req.body)),
  });

  r.post('/api/roster/external-transfers/:id/slip', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '登记介绍信回执（转出办结，党员离开本系统名册）',
      params: idParams('系统外转接'),
      body: slipBody,
    },
    handler: (req) => external.registerSlip(ctx, req.rc, req.params.id, req.body.returnedOn),
  });

  r.get('/api/roster/external-transfers/:id/letter', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '转出系统外的组织关系介绍信（含回执，可打印或另存为PDF）',
      params: idParams('系统外转接'),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
        )
        .send(await external.externalLetter(ctx, req.rc, req.params.id)),
  });

  // ---- 流动党员
  r.get('/api/roster/floating', {
    config: { policy: staff },
    schema: { tags, summary: '流动党员（流出、流入）与联系超期提示', querystring: floatingListQuery },
    handler: (req) => floating.listFloating(ctx, req.rc, req.query),
  });

  r.post('/api/roster/floating', {
    config: { policy: staff },
    schema: { tags, summary: '登记流动党员（流出或流入）', body: floatingCreateBody },
    handler: async (req, reply) =>
      reply.status(201).send(await floating.createFloating(ctx, req.rc, req.body)),
  });

  r.get('/api/roster/floating/:id', {
    config: { policy: staff },
    schema: { tags, summary: '流动党员登记详情与联系记录', params: idParams('流动登记') },
    handler: (req) => floating.getFloating(ctx, req.rc, req.params.id),
  });

  r.post('/api/roster/floating/:id/contacts', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '记录与流动党员的联系（含参加流入地组织生活）',
      params: idParams('流动登记'),
      body: floatingContactBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await floating.addContact(ctx, req.rc, req.params.id, req.body)),
  });

  r.post('/api/roster/floating/:id/end', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '结束流动登记（返回或已转接）',
      params: idParams('流动登记'),
      body: floatingEndBody,
    },
    handler: (req) => floating.endFloating(ctx, req.rc, req.params.id, req.body.endedOn),
  });

  // ---- 毕业生党员组织关系暂留
  r.get('/api/roster/graduates', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '毕业生党员组织关系暂留（最长保留期限、剩余天数、即将到期与已超期；最紧迫的在前）',
      querystring: graduateListQuery,
    },
    handler: (req) => graduates.listGraduates(ctx, req.rc, req.query),
  });

  r.get('/api/roster/transfer-targets', {
    config: { policy: signedIn(SELF_SERVICE) },
    schema: {
      tags,
      summary:
        '转入党组织查询（可接收党员的正常党支部：编码、名称、上级名称；不含党员和统计数；跨管理范围的有意例外，见 docs/security.md）',
      querystring: z.strictObject({
        q: z.string().trim().min(2, '请输入至少2个字的组织名称或编码').max(50, '查询内容过长'),
      }),
    },
    handler: (req) => transferTargets(ctx, req.rc, req.query.q),
  });

  r.get('/api/roster/me', {
    config: { policy: signedIn(SELF_SERVICE) },
    schema: { tags, summary: '本人党员档案（脱敏）、所在组织与书记' },
    handler: (req) => service.myRecord(ctx, requireActor(req)),
  });

  // ---- a member's own transfer request
  r.post('/api/roster/me/transfer-request', {
    config: { policy: signedIn(SELF_SERVICE) },
    schema: {
      tags,
      summary: '本人申请转接组织关系（仅本人；同一时间只能有一份待办理的申请）',
      body: myTransferRequestBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await requests.fileMyRequest(ctx, req.rc, req.body)),
  });

  r.post('/api/roster/me/transfer-request/:id/withdraw', {
    config: { policy: signedIn(SELF_SERVICE) },
    schema: {
      tags,
      summary: '本人撤回转接申请（仅本人；党支部尚未办理时）',
      params: idParams('转接申请'),
    },
    handler: (req) => requests.withdrawMyRequest(ctx, req.rc, req.params.id),
  });

  r.get('/api/roster/transfer-requests', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '党员本人提交的转接申请（所在党支部办理）',
      querystring: transferRequestListQuery,
    },
    handler: (req) => requests.listRequests(ctx, req.rc, req.query),
  });

  r.post('/api/roster/transfer-requests/:id/convert', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '将党员的转接申请转为组织关系转接（系统内转接或开具系统外介绍信）',
      params: idParams('转接申请'),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await requests.convertRequest(ctx, req.rc, req.params.id)),
  });

  r.post('/api/roster/transfer-requests/:id/decline', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '不予办理党员的转接申请（须说明理由）',
      params: idParams('转接申请'),
      body: transferRequestDeclineBody,
    },
    handler: (req) => requests.declineRequest(ctx, req.rc, req.params.id, req.body.reason),
  });

  // ---- 在职党员到社区报到
  r.get('/api/roster/community-service', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '在职党员到社区报到：本组织党员的报到与到本社区报到的党员，年度服务时长',
      querystring: communityListQuery,
    },
    handler: (req) => community.listCommunity(ctx, req.rc, req.query),
  });

  r.post('/api/roster/community-service', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '登记在职党员到社区党组织报到（党员所在党组织办理）',
      body: communityRegisterBody,
    },
    handler: async (req, reply) => reply.status(201).send(await community.register(ctx, req.rc, req.body)),
  });

  r.get('/api/roster/community-service/:id', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '社区报到详情与志愿服务记录',
      params: idParams('社区报到'),
      querystring: communityDetailQuery,
    },
    handler: (req) => community.getRegistration(ctx, req.rc, req.params.id, req.query.year),
  });

  r.post('/api/roster/community-service/:id/services', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '记录志愿服务（社区党组织记录：日期、服务内容、时长0.5至24小时）',
      params: idParams('社区报到'),
      body: volunteerServiceBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await community.recordService(ctx, req.rc, req.params.id, req.body)),
  });

  r.patch('/api/roster/community-service/:id/services/:serviceId', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '更正志愿服务记录（社区党组织：日期、服务内容、时长）',
      params: serviceParams,
      body: volunteerServicePatchBody,
    },
    handler: (req) => community.updateService(ctx, req.rc, req.params.id, req.params.serviceId, req.body),
  });

  r.delete('/api/roster/community-service/:id/services/:serviceId', {
    config: { policy: staff },
    schema: { tags, summary: '删除误录的志愿服务记录（社区党组织，留痕）', params: serviceParams },
    handler: (req) => community.deleteService(ctx, req.rc, req.params.id, req.params.serviceId),
  });

  r.post('/api/roster/community-service/:id/end', {
    config: { policy: staff },
    schema: {
      tags,
      summary: '报到结束（迁居、工作变动等；党员所在党组织办理，清除党员档案中的到社区报到标记）',
      params: idParams('社区报到'),
      body: communityEndBody,
    },
    handler: (req) => community.endRegistration(ctx, req.rc, req.params.id, req.body),
  });
}
