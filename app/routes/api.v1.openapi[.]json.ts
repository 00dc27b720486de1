// The OpenAPI 3.1 document of /api/v1, generated from its zod schemas.
import { readOnlyAction } from '~/auth/api-key.server';
import { toLocalDate } from '~/domain/calendar';
import { staffIntakeFields } from '~/domain/staff-intake';
import { openApiDocument } from '~/exports/openapi';
import { getEnv } from '~/utils/env.server';

export function loader() {
  return new Response(
    JSON.stringify(
      openApiDocument(getEnv().BASE_URL, { intake: staffIntakeFields(toLocalDate(new Date())) }),
      null,
      2,
    ),
    {
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
    },
  );
}

export const action = readOnlyAction;
