// The production HTTP server: Express around the Remix build, with security headers, compression,
// request logs, static caching and a graceful shutdown.
import crypto from 'node:crypto';

import { createRequestHandler } from '@remix-run/express';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';

const BUILD_PATH = './build/index.js';
const MAX_BODY_BYTES = 60 * 1024 * 1024; // 5 files × 10 MB plus the form, with headroom

const loaded = await import(BUILD_PATH);
// every loader and action answers 503 (translated page, Retry-After) while the database is unreachable
const build = loaded.entry.module.withDatabaseFaults(loaded);
const {
  startApp,
  stopApp,
  isPrivatePath,
  privateCacheControl,
  auditForgedFacts,
  maskPathTokens,
  originVerdict,
} = build.entry.module;

let started;
try {
  started = await startApp();
} catch (error) {
  if (error?.constructor?.name === 'EnvError') {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { env, log } = started;
const production = env.NODE_ENV === 'production';
// HSTS and upgrade-insecure-requests only make sense behind HTTPS; a local demo runs on http://localhost
const https = env.BASE_URL.startsWith('https://');

const app = express();
app.disable('x-powered-by');
if (env.TRUST_PROXY === '1') app.set('trust proxy', 1);

app.use((req, res, next) => {
  const given = req.get('x-request-id');
  res.locals.requestId = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  res.setHeader('X-Request-Id', res.locals.requestId);
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    // the path only, private-link tokens masked: query strings and tokens may carry personal data
    const path = maskPathTokens(req.path);
    log.info(
      {
        reqId: res.locals.requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
      },
      'request',
    );
  });
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production && https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  }),
);
// Pages with personal data are never stored, whatever the route or the status (resource routes and errors
// included): app/utils/private-pages.ts.
app.use((req, res, next) => {
  if (isPrivatePath(req.path)) {
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!res.headersSent)
        res.setHeader('Cache-Control', privateCacheControl(res.getHeader('Cache-Control')));
      return writeHead.apply(this, args);
    };
  }
  next();
});
app.use((_req, res, next) => {
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  next();
});

// A refusal of the checks below, in the shape the address's clients read: the JSON API's error object, Open311's
// errors (JSON or XML, as its URL asks), plain text for the pages. The texts are constants, safe in XML.
function refuse(req, res, status, text) {
  if (req.path.startsWith('/api/v1/')) return res.status(status).json({ error: { status, message: text } });
  if (req.path.startsWith('/open311/v2/')) {
    if (!req.path.endsWith('.xml')) return res.status(status).json([{ code: status, description: text }]);
    return res
      .status(status)
      .type('text/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>${status}</code><description>${text}</description></error></errors>\n`,
      );
  }
  return res.status(status).type('text/plain; charset=utf-8').send(text);
}

// Oversize or length-less bodies are refused without reading them: answer, then close the connection.
function refuseBody(req, res, status, text) {
  res.set('Connection', 'close');
  refuse(req, res, status, text);
  res.on('finish', () => res.socket?.destroySoon?.());
}
app.use((req, res, next) => {
  const length = Number(req.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES)
    return refuseBody(req, res, 413, 'Dữ liệu gửi lên quá lớn / Request too large');
  // a chunked body has no Content-Length to check; browsers always send one with a form
  if (req.get('transfer-encoding') !== undefined && req.get('content-length') === undefined) {
    return refuseBody(req, res, 411, 'Thiếu độ dài dữ liệu / Length required');
  }
  next();
});

// A route may answer without reading the body (405 for a page without an action, a redirect to the sign-in page).
// Node discards an unread body by itself only when nothing started reading it, and Remix wraps every request's
// body in a stream that has, then paused: the next request on the keep-alive connection would wait behind the
// unread bytes until the socket timed out and was reset. The rest is read and dropped instead (at most
// MAX_BODY_BYTES, checked above), and the connection serves the next request.
app.use((req, res, next) => {
  res.on('finish', () => {
    if (req.complete || req.destroyed) return;
    req.removeAllListeners('data');
    req.resume();
  });
  next();
});

const clientIp = (req) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

// Cross-site form posts are refused before they reach any action (SameSite=Lax cookies already keep
// staff sessions out of them; this also stops anonymous cross-site posts to public forms). The rule is the
// app's one origin check (app/utils/http.server.ts); staff posts must moreover be 'same', not 'unknown'.
const ownHost = new URL(env.BASE_URL).host;
app.use((req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const origin = req.get('origin');
  if (originVerdict({ origin, fetchSite: req.get('sec-fetch-site') }) !== 'cross') return next();
  try {
    auditForgedFacts(
      { method: req.method, path: req.path, ip: clientIp(req), origin, fetchSite: req.get('sec-fetch-site') },
      'crossSite',
    );
  } catch (error) {
    log.error({ err: error }, 'audit of a cross-site post failed');
  }
  refuse(req, res, 403, 'Yêu cầu bị từ chối / Cross-site request refused');
});

// The portal's address is BASE_URL. Remix answers 500 when a post's Origin (checked above) differs from
// X-Forwarded-Host/Host, and @remix-run/express when it cannot parse them (a forged header, a proxy that
// rewrites Host): it is given BASE_URL's host instead. The client's address goes to the app's audit entries
// (app/models/security-audit.server.ts) in a header; whatever a client sent under that name is replaced.
app.use((req, _res, next) => {
  delete req.headers['x-forwarded-host'];
  req.headers.host = ownHost;
  req.headers['x-pakn-client-ip'] = clientIp(req);
  next();
});

app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));

// ETag on the app's pages and feeds that may be cached (200, Cache-Control: public, HTML/JSON/XML under 1 MB),
// and 304 when the client has them already. Static files keep express.static's own ETag; file downloads stream.
// The per-request CSP nonce is left out of the hash, and a 304 carries no new CSP header, so the cached page keeps
// the nonce and policy it came with.
const ETAG_TYPES = /^(text\/html|application\/(json|atom\+xml|xml))\b/;
const ETAG_MAX_BYTES = 1024 * 1024;
app.use((req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const toBuffer = (chunk, encoding) =>
    Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
  let chunks; // undefined: not decided yet; null: streaming through
  let size = 0;
  const decide = () => {
    if (chunks !== undefined) return;
    const cacheable =
      res.statusCode === 200 &&
      /\bpublic\b/.test(String(res.getHeader('Cache-Control') ?? '')) &&
      ETAG_TYPES.test(String(res.getHeader('Content-Type') ?? ''));
    chunks = cacheable ? [] : null;
  };
  res.write = (chunk, encoding, cb) => {
    decide();
    if (chunks === null) return write(chunk, encoding, cb);
    const buf = toBuffer(chunk, encoding);
    chunks.push(buf);
    size += buf.length;
    if (size > ETAG_MAX_BYTES) {
      // too big to hold: send what we have and stream the rest, without an ETag
      const held = Buffer.concat(chunks);
      chunks = null;
      return write(held, cb);
    }
    (typeof encoding === 'function' ? encoding : cb)?.();
    return true;
  };
  res.end = (chunk, encoding, cb) => {
    decide();
    if (chunks === null) return end(chunk, encoding, cb);
    if (chunk && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding));
    const body = Buffer.concat(chunks);
    const nonce = res.locals.cspNonce;
    const hashed = nonce ? body.toString('utf8').replaceAll(nonce, '') : body;
    const tag = `W/"${crypto.createHash('sha1').update(hashed).digest('base64url')}"`;
    res.setHeader('ETag', tag);
    const sent = String(req.get('if-none-match') ?? '').split(/\s*,\s*/);
    if (sent.includes(tag)) {
      res.statusCode = 304;
      for (const h of ['Content-Type', 'Content-Length', 'Content-Security-Policy']) res.removeHeader(h);
      return end();
    }
    // written as a stream, as before: compression then decides as it did for the unbuffered response
    if (req.method !== 'HEAD') write(body);
    return end([chunk, encoding, cb].find((f) => typeof f === 'function'));
  };
  next();
});

app.all(
  '*',
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      requestId: res.locals.requestId,
      clientIp: clientIp(req),
    }),
  }),
);

const server = app.listen(env.PORT, () => {
  log.info({ port: env.PORT, url: env.BASE_URL }, `portal listening on ${env.BASE_URL}`);
});

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down: no new connections, finishing requests');
  server.close(async () => {
    await stopApp();
    log.info('stopped');
    process.exit(0);
  });
  // idle keep-alive connections would otherwise hold the exit for Node's keep-alive timeout
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
