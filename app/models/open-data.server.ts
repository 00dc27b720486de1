// The redacted open data: only published answers and their public fields, never contact details. The files and
// feeds made from these rows are in app/exports/open-data.server.ts and app/exports/feeds.server.ts.
import { toLocalDate } from '~/domain/dates';
import { MAX_ROWS, type OpenDataRow } from '~/domain/open-data';
import { listFields, listUnits } from '~/models/config.server';
import { listPublishedSince } from '~/models/public.server';
import { getEnv } from '~/utils/env.server';
import { markdownToPlainText } from '~/utils/markdown.server';

export async function openDataRows(
  range: { from?: Date; to?: Date },
  limit = MAX_ROWS,
): Promise<OpenDataRow[]> {
  const fields = new Map((await listFields({ activeOnly: false })).map((f) => [f.id, f.name]));
  const units = new Map((await listUnits({ activeOnly: false })).map((u) => [u.id, u.name]));
  const base = getEnv().BASE_URL;
  return (await listPublishedSince({ ...range, limit })).map((r) => ({
    code: r.code,
    url: `${base}/cong-khai/${r.code}`,
    title: r.title ?? '',
    summary: r.summary ?? '',
    answer: markdownToPlainText(r.answer ?? ''),
    type: r.type,
    category: r.category,
    field: r.fieldId ? (fields.get(r.fieldId) ?? '') : '',
    unit: r.unitId ? (units.get(r.unitId) ?? '') : '',
    received_date: r.receivedDate,
    answer_due: r.extendedTo ?? r.answerDue,
    answered_date: r.answeredAt ? toLocalDate(r.answeredAt) : '',
    published_date: r.publishedAt ? toLocalDate(r.publishedAt) : '',
    on_time: r.onTime,
  }));
}
