// The queue's GET filter form: the search box always visible, the other filters in a <details> panel, closed
// by default (they take half a phone screen) and open when one of them is active. Controls inside a closed
// <details> are still submitted, so it all works without JavaScript.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { CATEGORIES, CHANNELS, PAKN_TYPES } from '~/domain/pakn';
import { QUEUE_SORTS } from '~/domain/queue';
import { STATUSES } from '~/domain/workflow/transitions';

type Option = { value: string; label: string };
export type QueueFilterValues = {
  tab: string;
  q?: string;
  status?: string;
  unit?: number;
  field?: number;
  category?: number;
  type?: string;
  channel?: string;
  from?: string;
  to?: string;
  sort: string;
};

const FILTER_KEYS = ['status', 'unit', 'field', 'category', 'type', 'channel', 'from', 'to'] as const;

/** A filter of the panel (not the search, the tab, the sort or the page) is set: then the panel starts open. */
export function hasActiveFilter(f: QueueFilterValues): boolean {
  return FILTER_KEYS.some((k) => f[k] !== undefined && f[k] !== '');
}

export function QueueFilters({
  f,
  units,
  fields,
  clearTo,
  children,
}: {
  f: QueueFilterValues;
  units: Option[];
  fields: Option[];
  clearTo: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form method="get" className="staff-filters" role="search" aria-label={t('staff.queue.filters')}>
        <input type="hidden" name="tab" value={f.tab} />
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t('staff.queue.search')}
          </label>
          <p className="hint" id="q-hint">
            {t('staff.queue.searchHint')}
          </p>
          <input
            className="input"
            id="q"
            name="q"
            type="search"
            defaultValue={f.q ?? ''}
            aria-describedby="q-hint"
          />
        </div>
        <details className="staff-filters-panel" open={hasActiveFilter(f)}>
          <summary>{t('staff.queue.moreFilters')}</summary>
          <div className="staff-filter-row">
            <FilterSelect
              name="status"
              label={t('staff.queue.status')}
              value={f.status}
              options={STATUSES.map((st) => ({ value: st, label: t(`staff.status.${st}`) }))}
            />
            <FilterSelect name="unit" label={t('staff.queue.unit')} value={f.unit} options={units} />
            <FilterSelect name="field" label={t('staff.queue.field')} value={f.field} options={fields} />
            <FilterSelect
              name="category"
              label={t('staff.queue.category')}
              value={f.category}
              options={CATEGORIES.map((c) => ({ value: String(c), label: `${c}. ${t(`category.${c}`)}` }))}
            />
            <FilterSelect
              name="type"
              label={t('staff.queue.type')}
              value={f.type}
              options={PAKN_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
            />
            <FilterSelect
              name="channel"
              label={t('staff.queue.channel')}
              value={f.channel}
              options={CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`) }))}
            />
            <div className="form-group">
              <label className="label" htmlFor="from">
                {t('staff.queue.from')}
              </label>
              <input className="input" type="date" id="from" name="from" defaultValue={f.from ?? ''} />
            </div>
            <div className="form-group">
              <label className="label" htmlFor="to">
                {t('staff.queue.to')}
              </label>
              <input className="input" type="date" id="to" name="to" defaultValue={f.to ?? ''} />
            </div>
            <FilterSelect
              name="sort"
              label={t('staff.queue.sort')}
              value={f.sort}
              options={QUEUE_SORTS.map((v) => ({ value: v, label: t(`staff.queue.sorts.${v}`) }))}
              noAny
            />
          </div>
        </details>
        <button type="submit" className="button">
          {t('staff.queue.apply')}
        </button>{' '}
        <Link to={clearTo}>{t('staff.queue.clear')}</Link>
      </Form>
      {children}
    </>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
  noAny,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: Option[];
  noAny?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-group">
      <label className="label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select
        className="select"
        id={`filter-${name}`}
        name={name}
        defaultValue={value === undefined ? '' : String(value)}
      >
        {noAny ? null : <option value="">{t('staff.queue.any')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
