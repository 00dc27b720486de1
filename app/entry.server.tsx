import { Transform } from 'node:stream';

import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleErrorFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';

import { getI18n, getLocale, linkLanguageCookie } from './utils/i18n.server';
import { getLogger, maskPathTokens } from './utils/logger.server';
import { NonceProvider } from './utils/nonce';
import { isPrivatePath, privateCacheControl } from './utils/private-pages';

// The Express server reaches the app's start-up and shutdown hooks through this module.
export { startApp, stopApp } from './jobs/lifecycle.server';
export { isPrivatePath, privateCacheControl } from './utils/private-pages';
// … and the origin check and the audit log, for the cross-site posts it refuses before Remix sees them.
export { auditForgedFacts } from './models/security-audit.server';
export { originVerdict } from './utils/http.server';
export { maskPathTokens } from './utils/logger.server';
// … and the wrapper that turns a database outage into 503 pages (applied to the build it loads).
export { withDatabaseFaults } from './utils/database-faults.server';

const ABORT_DELAY = 5_000;

/**
 * React 18's renderToPipeableStream flushes its whole 2,048-byte buffer when a multi-byte character would
 * straddle its end, leaving up to 3 NUL bytes in the HTML (facebook/react#26228, fixed only in React 19).
 * HTML never holds a NUL (React would not escape one either), so they are cut off each chunk's end.
 */
function withoutNulPadding() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let end = chunk.length;
      while (end > 0 && chunk[end - 1] === 0) end -= 1;
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

/** Unexpected errors in loaders and actions: logged with the path only (no query, no body). */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // Remix's own answers to a client's mistake (a method a route does not take: 405) are not the server's errors:
  // logged as such, anyone could fill the error log and set off its alerts
  if (isRouteErrorResponse(error) && error.status < 500) return;
  getLogger().error({ err: error, path: maskPathTokens(new URL(request.url).pathname) }, 'unhandled error');
};

function cacheAndLanguageHeaders(request: Request, headers: Headers) {
  if (isPrivatePath(new URL(request.url).pathname)) {
    headers.set('Cache-Control', privateCacheControl(headers.get('Cache-Control')));
  }
  // a link that names a language (?lng=en, from an English e-mail): remembered, and never kept by a shared cache
  const remember = linkLanguageCookie(request);
  if (remember) {
    headers.append('Set-Cookie', remember);
    headers.set('Cache-Control', 'private, no-store');
  }
}

/** Loader data fetched by client-side navigation: the same Cache-Control as the page. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  cacheAndLanguageHeaders(request, response.headers);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { cspNonce?: string },
) {
  const nonce = loadContext.cspNonce ?? '';
  cacheAndLanguageHeaders(request, responseHeaders);
  const i18n = getI18n(getLocale(request));
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = withoutNulPadding();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) getLogger().error({ err: error }, 'render error');
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
