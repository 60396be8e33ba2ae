import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../core/auth/roles.ts';
import { orgRef } from '../../../core/shared/refs.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';
import * as service from './users.service.ts';

const tags = ['账号'];
const idParams = z.object({ id: z.coerce.number().int().positive('账号ID不正确') });

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', {
    config: { policy: signedIn(['system_admin', 'security_admin']) },
    schema: {
      tags,
      summary: '管辖范围内的账号',
      querystring: z.strictObject({
        q: z.string().max(64).default(''),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    handler: (req) => service.listUsers(ctx, req.rc, req.query.q, req.query.limit),
  });

  // 三员分立: the system administrator creates accounts, which hold no role; only the security
  // administrator grants roles (PUT …/roles) and unlocks. A `roles` field here is refused by name.
  r.post('/api/users', {
    config: { policy: signedIn(['system_admin']) },
    schema: {
      tags,
      summary: '新建账号（无角色；初始口令，首次登录须修改）',
      body: z.strictObject({
        username: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为3至64位字母、数字、下划线、点或连字符'),
        displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字'),
        scopeOrgId: orgRef('管辖组织不正确'),
        initialPassword: z.string().min(1, '请填写初始口令').max(128, '口令不能超过128个字符'),
        roles: z
          .never({ error: '新建账号不能指定角色：账号创建后由安全管理员授予角色（三员分立）' })
          .optional()
          .describe('不接受：角色由安全管理员通过 PUT /api/users/{id}/roles 授予'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await service.createUser(ctx, req.rc, req.body)),
  });

  r.put('/api/users/:id/roles', {
    config: { policy: signedIn(['security_admin']) },
    schema: {
      tags,
      summary: '设置账号角色（仅安全管理员；三员互斥，不与业务角色兼任）',
      params: idParams,
      body: z.strictObject({ roles: z.array(z.enum(ROLES, { error: '角色不正确' })).max(6) }),
    },
    handler: (req) => service.setRoles(ctx, req.rc, req.params.id, req.body.roles),
  });

  r.post('/api/users/:id/unlock', {
    config: { policy: signedIn(['security_admin']) },
    schema: { tags, summary: '解锁账号', params: idParams },
    handler: (req) => service.unlockUser(ctx, req.rc, req.params.id),
  });

  r.post('/api/users/:id/reset-password', {
    config: { policy: signedIn(['security_admin']) },
    schema: {
      tags,
      summary: '重置口令（仅安全管理员）：生成一次性初始口令，仅在本次应答中返回，下次登录须修改',
      params: idParams,
      response: {
        200: z.object({
          data: z.object({ id: z.number().int(), initialPassword: z.string(), mustChangePassword: z.literal(true) }),
        }),
      },
    },
    handler: (req) => service.resetPassword(ctx, req.rc, req.params.id),
  });

  r.post('/api/users/:id/enable', {
    config: { policy: signedIn(['security_admin']) },
    schema: { tags, summary: '启用已停用的账号（仅安全管理员）', params: idParams },
    handler: (req) => service.enableUser(ctx, req.rc, req.params.id),
  });

  r.post('/api/users/:id/disable', {
    config: { policy: signedIn(['system_admin', 'security_admin']) },
    schema: { tags, summary: '停用账号（立即结束其会话）', params: idParams },
    handler: (req) => service.disableUser(ctx, req.rc, req.params.id),
  });
}
