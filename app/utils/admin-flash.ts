// The confirmation an admin page shows after a redirect: `?ok=<key>` and, after a calendar or rule change,
// `&n=<recomputed>` (the number of open PAKN whose due dates moved).
import type { TFunction } from 'i18next';

const FLASH_KEYS = ['created', 'updated', 'deleted', 'saved'] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];

export function flashFromUrl(t: TFunction, url: URL): string | null {
  const key = url.searchParams.get('ok');
  if (!key || !FLASH_KEYS.some((k) => k === key)) return null;
  const n = url.searchParams.get('n');
  const recomputed =
    n !== null && /^\d+$/.test(n) ? ` ${t('admin.flash.recomputed', { count: Number(n) })}` : '';
  return t(`admin.flash.${key}`) + recomputed;
}
