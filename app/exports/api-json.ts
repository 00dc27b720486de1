// Answers of the JSON API /api/v1: the body as JSON, never cached, and errors in one shape
// `{ "error": { "status": 401, "message": "…", "fields"?: [{ "field": "title", "message": "…" }] } }`.

export function apiJson(
  body: unknown,
  { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

export function apiError(
  status: number,
  message: string,
  {
    headers = {},
    fields,
  }: { headers?: Record<string, string>; fields?: Array<{ field: string; message: string }> } = {},
) {
  return apiJson({ error: { status, message, ...(fields ? { fields } : {}) } }, { status, headers });
}
