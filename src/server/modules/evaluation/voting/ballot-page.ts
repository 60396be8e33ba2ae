// The phone ballot page, served by the server itself at /vote: participants scan a QR code or
// open a link (the token travels in the URL fragment, which browsers never send to a server,
// so no access log can pair a token with an address). No sign-in, no SPA bundle: it loads on
// any phone and posts the ballot to POST /api/voting/ballots.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../../../http/policy.ts';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>民主测评</title>
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#222}
header{background:#c41d1d;color:#fff;padding:14px 16px;font-size:17px;font-weight:600}
main{padding:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;margin-bottom:10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.name{font-weight:600;margin-bottom:8px}
.opts{display:flex;flex-wrap:wrap;gap:8px}
.opts label{flex:1 0 22%;border:1px solid #d9d9d9;border-radius:6px;padding:10px 0;text-align:center;font-size:15px}
.opts input{display:none}
.opts input:checked+span{color:#c41d1d;font-weight:600}
.opts label:has(input:checked){border-color:#c41d1d;background:#fff1f0}
button{width:100%;padding:14px;font-size:17px;border:0;border-radius:8px;background:#c41d1d;color:#fff}
button:disabled{background:#bbb}
.msg{padding:16px;text-align:center;font-size:16px}.err{color:#c41d1d}
.note{color:#888;font-size:13px;margin:4px 0 12px}
</style></head><body><header id="title">民主测评</header><main id="app"><div class="msg">正在载入选票…</div></main>
<script>
(function(){
  var app=document.getElementById('app'), token=decodeURIComponent(location.hash.slice(1));
  function esc(s){return String(s).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';'});}
  function msg(text,err){app.innerHTML='<div class="msg'+(err?' err':'')+'" data-testid="ballot-message">'+esc(text)+'</div>';}
  if(token.length<16){msg('选票链接不完整，请重新扫码或向工作人员索取',true);return;}
  fetch('/api/voting/ballot?token='+encodeURIComponent(token)).then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j};});}).then(function(res){
    if(!res.ok){msg(res.j.error?res.j.error.message:'选票无效',true);return;}
    var b=res.j.data; document.getElementById('title').textContent=b.title;
    if(b.used){msg('这张选票已经投过，每张选票只能使用一次',true);return;}
    if(b.status!=='open'){msg('投票已经结束',true);return;}
    var h='<p class="note">'+(b.anonymous?'本次测评为无记名投票，系统不记录投票人。':'')+'请对每一位逐项选择等次，未选择的视为弃权。</p><form id="f">';
    b.subjects.forEach(function(s){
      h+='<div class="card" data-testid="ballot-subject"><div class="name">'+esc(s.label)+'</div><div class="opts">';
      b.scheme.forEach(function(g){h+='<label><input type="radio" name="s'+esc(s.key)+'" value="'+esc(g)+'" data-key="'+esc(s.key)+'"><span>'+esc(g)+'</span></label>';});
      h+='</div></div>';
    });
    h+='<button type="submit" id="submit">提交选票</button></form>';
    app.innerHTML=h;
    document.getElementById('f').addEventListener('submit',function(e){
      e.preventDefault(); var marks={};
      Array.prototype.forEach.call(document.querySelectorAll('input:checked'),function(i){marks[i.getAttribute('data-key')]=i.value;});
      if(Object.keys(marks).length===0){alert('请至少评价一人');return;}
      document.getElementById('submit').disabled=true;
      fetch('/api/voting/ballots',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({token:token,marks:marks}),credentials:'omit'})
        .then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j};});})
        .then(function(res){ if(res.ok) msg('投票成功，感谢您的参与！'); else msg(res.j.error?res.j.error.message:'投票失败',true); })
        .catch(function(){msg('网络异常，请稍后重试',true);});
    });
  }).catch(function(){msg('无法连接服务器，请检查网络',true);});
})();
</script></body></html>`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const inline = (tag: string) => PAGE.split(`<${tag}>`)[1]!.split(`</${tag}>`)[0]!;
/** The page's own CSP: its one inline script and style, by hash; nothing else inline. */
const CSP = `default-src 'self'; script-src ${sha256(inline('script'))}; style-src ${sha256(inline('style'))}; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Not under /api: a plain page, with no data in it; everything it shows comes from the token. */
export function registerBallotPage(app: FastifyInstance): void {
  app.get('/vote', { config: { policy: PUBLIC }, schema: { hide: true } }, (_request, reply) =>
    reply
      .header('Content-Security-Policy', CSP)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(PAGE),
  );
}
