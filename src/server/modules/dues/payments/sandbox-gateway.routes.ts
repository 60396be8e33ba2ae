// The sandbox gateway's own pages and endpoints (not under /api: they stand for a third party's
// site). The pay page is plain zh-CN HTML; the statement endpoint wants the merchant's signature.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PUBLIC } from '../../../http/policy.ts';
import { yuanText } from '../../../../core/dues/payments.rules.ts';
import type { AppContext } from '../../../context.ts';
import { NOTIFY_URL, SandboxGateway } from './sandbox-gateway.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f3f5;color:#222}
header{background:#1677ff;color:#fff;padding:14px 16px;font-size:17px;font-weight:600}
main{padding:16px;max-width:480px;margin:0 auto}.card{background:#fff;border-radius:10px;padding:16px;margin-bottom:12px}
.amt{font-size:34px;font-weight:700;text-align:center;margin:8px 0}.row{display:flex;justify-content:space-between;padding:6px 0;color:#555}
button{width:100%;padding:14px;font-size:17px;border:0;border-radius:8px;background:#1677ff;color:#fff;margin-top:8px}
button.ghost{background:#fff;color:#1677ff;border:1px solid #1677ff}label{display:block;padding:6px 0;color:#666;font-size:14px}
.msg{text-align:center;padding:10px;font-size:16px}a{color:#1677ff}`;

const SCRIPT = `(function(){var b=document.getElementById('pay'),r=document.getElementById('replay'),m=document.getElementById('msg'),id=document.body.getAttribute('data-order'),back=document.body.getAttribute('data-return');
function post(u,body){return fetch(u,{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)}).then(function(x){return x.json().then(function(j){return {ok:x.ok,j:j};});});}
if(b)b.addEventListener('click',function(){b.disabled=true;m.textContent='正在支付…';
post('/sandbox-gateway/pay/'+id+'/confirm',{duplicate:document.getElementById('dup').checked,outOfOrder:document.getElementById('ooo').checked}).then(function(res){
if(!res.ok){m.textContent='支付失败';b.disabled=false;return;}m.setAttribute('data-testid','sandbox-paid');m.textContent='支付成功，已通知商户';
var a=document.getElementById('back');a.style.display='block';}).catch(function(){m.textContent='网络异常';b.disabled=false;});});
if(r)r.addEventListener('click',function(){post('/sandbox-gateway/pay/'+id+'/replay',{}).then(function(res){m.textContent=res.ok?'已重发通知':'重发失败';});});
})();`;

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const CSP = `default-src 'self'; script-src ${sha(SCRIPT)}; style-src ${sha(STYLE)}; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

function page(
  id: string,
  o: { orderNo: string; subject: string; amountFen: number; status: string; returnUrl: string },
): string {
  const paid = o.status === 'SUCCESS';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>沙箱收银台</title><style>${STYLE}</style></head><body data-order="${esc(id)}" data-return="${esc(o.returnUrl)}">
<header>沙箱收银台（测试环境，不产生真实扣款）</header><main>
<div class="card"><div class="row"><span>收款方</span><span>党费代收（沙箱）</span></div>
<div class="amt" data-testid="sandbox-amount">¥${yuanText(o.amountFen)}</div>
<div class="row"><span>商品</span><span>${esc(o.subject)}</span></div><div class="row"><span>商户订单号</span><span>${esc(o.orderNo)}</span></div></div>
<div class="card">${
    paid
      ? '<div class="msg" data-testid="sandbox-paid">该订单已支付</div>'
      : `<label><input type="checkbox" id="dup"> 测试：重复发送支付成功通知</label>
<label><input type="checkbox" id="ooo"> 测试：乱序发送通知（先成功、后待支付）</label><button id="pay" data-testid="sandbox-confirm">确认支付</button>`
  }
<div class="msg" id="msg"></div><button class="ghost" id="replay" data-testid="sandbox-replay">重发通知（测试）</button>
<a id="back" href="${esc(o.returnUrl)}" style="display:${paid ? 'block' : 'none'};text-align:center;padding:12px" data-testid="sandbox-back">返回商户</a></div>
</main><script>${SCRIPT}</script></body></html>`;
}

const idParams = z.strictObject({ id: z.string().regex(/^SB[0-9A-F]{12}$/, '订单号不正确') });
const payBody = z.strictObject({ duplicate: z.boolean().optional(), outOfOrder: z.boolean().optional() });

/** Signature the statement endpoint expects: HMAC-SHA256(secret, date), hex. */
export const statementSign = (secret: string, date: string) =>
  createHmac('sha256', secret).update(`statement.${date}`).digest('hex');

export function registerSandboxPages(
  app: FastifyInstance,
  gateway: SandboxGateway,
  secret: string | null,
): void {
  const notFoundPage = (reply: import('fastify').FastifyReply) =>
    reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><p>订单不存在或已失效</p></html>');

  app.get(
    '/sandbox-gateway/pay/:id',
    { config: { policy: PUBLIC }, schema: { hide: true, params: idParams } },
    (req, reply) => {
      const o = gateway.order((req.params as { id: string }).id);
      if (!o) return notFoundPage(reply);
      return reply
        .header('Content-Security-Policy', CSP)
        .header('Cache-Control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(page(o.gatewayOrderId, o));
    },
  );

  app.post(
    '/sandbox-gateway/pay/:id/confirm',
    { config: { policy: PUBLIC }, schema: { hide: true, params: idParams, body: payBody } },
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      if (!gateway.order(id)) return notFoundPage(reply);
      return { data: { deliveries: await gateway.pay(id, req.body as z.infer<typeof payBody>) } };
    },
  );

  app.post(
    '/sandbox-gateway/pay/:id/replay',
    { config: { policy: PUBLIC }, schema: { hide: true, params: idParams } },
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      if (!gateway.order(id)) return notFoundPage(reply);
      return { data: { deliveries: await gateway.replay(id) } };
    },
  );

  app.get(
    '/sandbox-gateway/statement',
    {
      config: { policy: PUBLIC },
      schema: {
        hide: true,
        querystring: z.strictObject({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD'),
          sign: z.string().max(64),
        }),
      },
    },
    async (req, reply) => {
      const q = req.query as { date: string; sign: string };
      const want = secret ? Buffer.from(statementSign(secret, q.date), 'hex') : null;
      const got = Buffer.from(q.sign, 'hex');
      if (!want || got.length !== want.length || !timingSafeEqual(want, got))
        return reply.status(401).send({ error: { code: 'BAD_SIGNATURE', message: '对账单请求签名无效' } });
      return { data: await gateway.statement(q.date) };
    },
  );
}

/** The sandbox that posts into this very app; its clock is read through ctx (tests replace ctx.now). */
export function sandboxFor(app: FastifyInstance, ctx: AppContext, secret: string | null): SandboxGateway {
  return new SandboxGateway(
    secret,
    () => ctx.now(),
    async (headers, body) => {
      const res = await app.inject({ method: 'POST', url: NOTIFY_URL, headers, payload: body });
      return res.statusCode;
    },
  );
}
