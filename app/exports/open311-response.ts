// Open311 answers in the format the URL asked for: JSON, or the spec's XML. Errors as the spec writes them:
// JSON `[{"code":400,"description":"…"}]`, XML `<errors><error><code>400</code><description>…</description></error></errors>`.
import type { Open311Format } from '~/domain/open311';

import { open311Xml, type XmlValue } from './open311-xml';

const TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function open311Response(
  format: Open311Format,
  root: string,
  body: XmlValue,
  {
    status = 200,
    cache = 'no-store',
    headers = {},
  }: { status?: number; cache?: string; headers?: Record<string, string> } = {},
): Response {
  const text = format === 'xml' ? open311Xml(root, body) : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      'Content-Type': TYPES[format],
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

export function open311Errors(
  format: Open311Format,
  status: number,
  descriptions: string[],
  headers: Record<string, string> = {},
): Response {
  return open311Response(
    format,
    'errors',
    descriptions.map((description) => ({ code: status, description })),
    { status, headers },
  );
}
