// Charts drawn on the server as SVG: no JavaScript, readable when printed. Each is an image with a title and a
// description for screen readers (role="img", <title>, <desc>), immediately followed by the table it draws, so
// the figures are there for anyone who cannot see the chart and for copying.
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from '~/components/ui/scroll-table';
import type { Target } from '~/domain/reports/definitions';

const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3', ''];
const nf = (lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** the axis has room for the short form: 'Tháng 3/2026' → '3/2026' (the table keeps the full label) */
const axisLabel = (s: string) => s.split(' ').pop() ?? s;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
// A bar label is right-aligned in 282 units. Vietnamese text in the usual sans-serif fonts at 13 units runs
// about 7.2 units a character, so 42 characters started 18 units left of the chart and lost their number or code
// ("1. Hành vi…" read ". Hành vi…"). 36 leave a margin for wider letters; the table under the chart has the rest.
const LABEL_CHARS = 36;

export type BarDatum = { label: string; value: number; display?: string };

/** Horizontal bars (long Vietnamese labels read better than under vertical bars). */
export function BarChart({
  title,
  data,
  labelHeader,
  valueHeader,
  extraColumns,
}: {
  title: string;
  data: BarDatum[];
  labelHeader: string;
  valueHeader: string;
  /** more columns for the data table only, e.g. a share */
  extraColumns?: { header: string; values: ReactNode[] };
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const fmt = nf(i18n.language);
  const width = 720;
  const labelW = 290;
  const rowH = 26;
  const top = 8;
  const height = top * 2 + Math.max(1, data.length) * rowH;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const barW = width - labelW - 70;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        fontFamily="inherit"
        fontSize="13"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{t('reports.chart.barDesc', { count: data.length })}</desc>
        <line x1={labelW} x2={labelW} y1={top - 4} y2={height - top + 4} stroke="#505a5f" />
        {data.map((d, i) => {
          const y = top + i * rowH;
          const w = max ? (d.value / max) * barW : 0;
          return (
            <g key={`${d.label}-${i}`}>
              <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" fill="#0b0c0c">
                {clip(d.label, LABEL_CHARS)}
              </text>
              <rect
                x={labelW}
                y={y + 4}
                width={Math.max(w, d.value > 0 ? 1 : 0)}
                height={rowH - 8}
                fill={COLOURS[0]}
              />
              <text x={labelW + w + 6} y={y + rowH / 2 + 4} fill="#0b0c0c">
                {d.display ?? fmt.format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <ScrollTable label={t('reports.chart.dataTable', { title })}>
        <table className="table chart-table">
          <caption>{t('reports.chart.dataTable', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="num">
                {valueHeader}
              </th>
              {extraColumns ? (
                <th scope="col" className="num">
                  {extraColumns.header}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {data.map((d, i) => (
              <tr key={`${d.label}-${i}`}>
                <th scope="row">{d.label}</th>
                <td className="num">{d.display ?? fmt.format(d.value)}</td>
                {extraColumns ? <td className="num">{extraColumns.values[i]}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </figure>
  );
}

export type LineSeries = { name: string; values: number[] };

/** Several series over the same categories (periods); each series has its own colour, dash pattern and marker. */
export function LineChart({
  title,
  categories,
  series,
  categoryHeader,
}: {
  title: string;
  categories: string[];
  series: LineSeries[];
  categoryHeader: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const fmt = nf(i18n.language);
  const width = 720;
  const height = 300;
  const pad = { left: 56, right: 24, top: 40, bottom: 56 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (i: number) =>
    pad.left + (categories.length > 1 ? (i / (categories.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        fontFamily="inherit"
        fontSize="12"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {t('reports.chart.lineDesc', { count: categories.length })} {series.map((s) => s.name).join(', ')}.
        </desc>
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(v)}
              y2={y(v)}
              stroke="#b1b4b6"
              strokeWidth="0.5"
            />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fill="#0b0c0c">
              {fmt.format(v)}
            </text>
          </g>
        ))}
        {categories.map((c, i) => (
          <text
            key={c}
            x={x(i)}
            y={height - pad.bottom + 16}
            textAnchor="end"
            transform={`rotate(-30 ${x(i)} ${height - pad.bottom + 16})`}
            fill="#0b0c0c"
          >
            {axisLabel(c)}
          </text>
        ))}
        {series.map((s, k) => (
          <g key={s.name}>
            <polyline
              fill="none"
              stroke={COLOURS[k % COLOURS.length]}
              strokeWidth="2.5"
              strokeDasharray={DASHES[k % DASHES.length] || undefined}
              points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
            />
            {s.values.map((v, i) =>
              k % 2 ? (
                <rect
                  key={i}
                  x={x(i) - 3.5}
                  y={y(v) - 3.5}
                  width="7"
                  height="7"
                  fill={COLOURS[k % COLOURS.length]}
                />
              ) : (
                <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={COLOURS[k % COLOURS.length]} />
              ),
            )}
          </g>
        ))}
        {series.map((s, k) => (
          <g key={`legend-${s.name}`} transform={`translate(${pad.left + k * 220}, 16)`}>
            <line
              x1="0"
              x2="28"
              y1="-4"
              y2="-4"
              stroke={COLOURS[k % COLOURS.length]}
              strokeWidth="2.5"
              strokeDasharray={DASHES[k % DASHES.length] || undefined}
            />
            <text x="34" y="0" fill="#0b0c0c">
              {s.name}
            </text>
          </g>
        ))}
      </svg>
      <ScrollTable label={t('reports.chart.dataTable', { title })}>
        <table className="table chart-table">
          <caption>{t('reports.chart.dataTable', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((s) => (
                <th scope="col" className="num" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td className="num" key={s.name}>
                    {fmt.format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </figure>
  );
}

/** Numbers as the report tables show them (vi: 1.234 and 92,5 %). */
export function useFigureFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  const int = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return {
    int: (n: number) => int.format(n),
    pct: (x: number | null) => (x === null ? '—' : `${one.format(x * 100)} %`),
    days: (x: number | null) => (x === null ? '—' : one.format(x)),
    share: (n: number, total: number) => (total ? `${one.format((n / total) * 100)} %` : '—'),
  };
}

/** The plan's II.1 targets against the actual values (the report, the dashboard, the public page). */
export function TargetsTable({ targets }: { targets: Target[] }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  return (
    <ScrollTable label={t('reports.section.targets')}>
      <table className="table">
        <caption className="visually-hidden">{t('reports.section.targets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.target.name')}</th>
            <th scope="col" className="num">
              {t('reports.target.goal')}
            </th>
            <th scope="col" className="num">
              {t('reports.target.actual')}
            </th>
            <th scope="col" className="num">
              {t('reports.target.basis')}
            </th>
            <th scope="col">{t('reports.target.status')}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((x) => (
            <tr key={x.key}>
              <th scope="row">{t(`reports.target.${x.key}`)}</th>
              <td className="num">
                {x.target < 1 ? t('reports.target.atLeast', { value: f.pct(x.target) }) : f.pct(x.target)}
              </td>
              <td className="num">{f.pct(x.actual)}</td>
              <td className="num">
                {f.int(x.numerator)}/{f.int(x.denominator)}
              </td>
              <td>
                {x.met === null ? (
                  t('reports.target.noData')
                ) : (
                  <span className={`tag ${x.met ? 'tag-onTrack' : 'tag-overdue'}`}>
                    {x.met ? t('reports.target.met') : t('reports.target.notMet')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
