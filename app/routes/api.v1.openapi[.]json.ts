// The OpenAPI 3.1 document of /api/v1, generated from its zod schemas.
import { toLocalDate } from '~/domain/calendar';
import { openApiDocument } from '~/exports/openapi';
import { intakeSchema } from '~/models/intake.server';
import { getEnv } from '~/utils/env.server';

export function loader() {
  return new Response(
    JSON.stringify(
      openApiDocument(getEnv().BASE_URL, { intake: intakeSchema(toLocalDate(new Date())) }),
      null,
      2,
    ),
    {
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
    },
  );
}
