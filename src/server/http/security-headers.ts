// Security headers (@fastify/helmet, decision 0006): a strict CSP for the web app, no framing, no
// sniffing, no referrer; HSTS only when the request came over HTTPS (directly or, with
// DANGJIAN_TRUST_PROXY=1, through a proxy that says so); personal data is never cached.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The CSP of every response; pages with their own inline code (the ballot page) set theirs. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Ant Design writes its styles at run time (CSS-in-JS), so inline styles are allowed; scripts are not.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below, only over HTTPS: a plain-HTTP intranet deployment must not pin browsers to HTTPS.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
    // API answers carry personal data (names, masked ids, evaluations): never stored by a browser or proxy.
    const policy = request.routeOptions.config?.policy;
    if (!request.routeOptions.url || policy?.access !== 'public' || request.url.startsWith('/api/')) {
      if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });
}
