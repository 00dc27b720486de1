// The columns and form fields of each admin list page (domain/admin/crud-sections), all drawn by CrudPage:
// one entry a page. The route (routes/can-bo.quan-tri.$section) passes what its loader read for the section.
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { TextArea, TextField } from '~/components/ui/form';
import { CRUD_SECTIONS, crudPath, type CrudSection } from '~/domain/admin/crud-sections';
import { localName, type Named } from '~/domain/local-name';
import type { CrudData } from '~/routes/can-bo.quan-tri.$section';

import { AdminTable } from './admin-table';
import {
  ActiveCheckbox,
  CodeAndNames,
  type CrudFormProps,
  CrudPage,
  type CrudPageData,
  type CrudResult,
  fieldProps,
  type FormValues,
  OrderAndActive,
  type UnitOption,
  UnitSelect,
} from './crud';

type Translate = ReturnType<typeof useTranslation>['t'];
type Page<K extends CrudSection> = {
  data: CrudData[K];
  /** the props every page passes to CrudPage as they are */
  base: { section: K; schema: (typeof CRUD_SECTIONS)[K]['schema']; result: CrudResult | undefined };
  t: Translate;
  lang: string;
};

/** An entity deactivated rather than deleted once in use: its status column, its name, new ones active. */
const DEACTIVATABLE = {
  active: (x: { active: boolean }) => x.active,
  name: (x: { name: string }) => x.name,
  initial: { active: 'on' },
};

type Coded = Named & { id: number; code: string; sortOrder: number; active: boolean };

/**
 * The page of a unit or of a field: code and name first, one column and one field of their own, then the
 * display order and the "active" flag.
 */
function codedPage<T extends Coded>(
  { data, base, t, lang }: Omit<Page<'units' | 'fields'>, 'data'> & { data: CrudPageData<T> },
  rowPrefix: string,
  own: {
    column: string;
    cell: (x: T) => ReactNode;
    values: (x: T) => FormValues;
    field: (form: CrudFormProps) => ReactNode;
  },
) {
  const { section } = base;
  return (
    <CrudPage
      {...base}
      {...DEACTIVATABLE}
      data={data}
      rowPrefix={rowPrefix}
      columns={[`admin.${section}.code`, `admin.${section}.name`, own.column]}
      row={(x) => (
        <>
          <td>{x.code}</td>
          <th scope="row">{localName(x, lang)}</th>
          {own.cell(x)}
        </>
      )}
      toValues={(x) => ({
        code: x.code,
        name: x.name,
        nameEn: x.nameEn,
        ...own.values(x),
        sortOrder: String(x.sortOrder),
        active: x.active ? 'on' : undefined,
      })}
      fields={(form) => (
        <>
          <CodeAndNames f={fieldProps(form)} section={section} />
          {own.field(form)}
          <OrderAndActive form={form} hint={t(`admin.${section}.activeHint`)} />
        </>
      )}
    />
  );
}

function unitNameOf(units: UnitOption[], t: Translate, lang: string) {
  return (id: number | null) => {
    const u = units.find((x) => x.id === id);
    return u ? localName(u, lang) : t('admin.fields.noUnit');
  };
}

const PAGES: { [K in CrudSection]: (page: Page<K>) => ReactNode } = {
  units: (page) =>
    codedPage(page, 'unit', {
      column: 'admin.units.email',
      cell: (u) => <td>{u.email}</td>,
      values: (u) => ({ email: u.email }),
      field: (form) => (
        <TextField
          {...fieldProps(form)('email')}
          type="email"
          label={page.t('admin.units.email')}
          hint={page.t('admin.units.emailHint')}
          maxLength={254}
        />
      ),
    }),

  fields: (page) => {
    const unitName = unitNameOf(page.data.units, page.t, page.lang);
    return codedPage(page, 'field', {
      column: 'admin.fields.defaultUnit',
      cell: (f) => <td>{unitName(f.defaultUnitId)}</td>,
      values: (f) => ({ defaultUnitId: f.defaultUnitId === null ? '' : String(f.defaultUnitId) }),
      field: (form) => (
        <UnitSelect
          field={fieldProps(form)('defaultUnitId')}
          units={page.data.units}
          label={page.t('admin.fields.defaultUnit')}
          hint={page.t('admin.fields.defaultUnitHint')}
          placeholder={page.t('admin.fields.noUnit')}
          markInactive
        />
      ),
    });
  },

  routing: ({ data, base, t, lang }) => (
    <CrudPage
      {...base}
      data={data}
      before={<FieldRules fields={data.fields} unitName={unitNameOf(data.units, t, lang)} />}
      caption="admin.routing.keywordsCaption"
      hint={null}
      rowPrefix="keyword"
      columns={['admin.routing.keyword', 'admin.routing.unit']}
      row={(k) => (
        <>
          <th scope="row">{k.keyword}</th>
          <td>{localName({ name: k.unitName, nameEn: k.unitNameEn }, lang)}</td>
        </>
      )}
      name={(k) => k.keyword}
      toValues={(k) => ({ keyword: k.keyword, unitId: String(k.unitId) })}
      fields={(form) => (
        <>
          <TextField
            {...fieldProps(form)('keyword')}
            label={t('admin.routing.keyword')}
            hint={t('admin.routing.keywordHint')}
            maxLength={100}
          />
          <UnitSelect field={fieldProps(form)('unitId')} units={data.units} label={t('admin.routing.unit')} />
        </>
      )}
    />
  ),

  agencies: ({ data, base, t }) => (
    <CrudPage
      {...base}
      {...DEACTIVATABLE}
      data={data}
      rowPrefix="agency"
      columns={['admin.agencies.name', 'admin.agencies.address', 'admin.agencies.email']}
      row={(a) => (
        <>
          <th scope="row">{a.name}</th>
          <td>{a.address}</td>
          <td>{a.email}</td>
        </>
      )}
      toValues={({ name, address, email, note, active }) => ({
        name,
        address,
        email,
        note,
        active: active ? 'on' : undefined,
      })}
      fields={(form) => (
        <>
          <TextField {...fieldProps(form)('name')} label={t('admin.agencies.name')} maxLength={200} />
          <TextField
            {...fieldProps(form)('address')}
            label={t('admin.agencies.address')}
            maxLength={300}
            optional
          />
          <TextField
            {...fieldProps(form)('email')}
            type="email"
            label={t('admin.agencies.email')}
            hint={t('admin.agencies.emailHint')}
            maxLength={254}
            optional
          />
          <TextArea
            {...fieldProps(form)('note')}
            label={t('admin.agencies.note')}
            hint={t('admin.agencies.noteHint')}
            maxLength={500}
            rows={3}
            optional
          />
          <ActiveCheckbox form={form} hint={t('admin.agencies.activeHint')} />
        </>
      )}
    />
  ),
};

/** The field → unit map, read only on the routing page: it is edited with the fields. */
function FieldRules({
  fields,
  unitName,
}: {
  fields: Array<Named & { id: number; defaultUnitId: number | null }>;
  unitName: (id: number | null) => string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2>{t('admin.routing.fieldRulesTitle')}</h2>
      <AdminTable
        caption={t('admin.routing.fieldRulesCaption')}
        columns={[t('admin.fields.name'), t('admin.fields.defaultUnit')]}
      >
        {fields.map((f) => (
          <tr key={f.id}>
            <th scope="row">{localName(f, i18n.language)}</th>
            <td>{unitName(f.defaultUnitId)}</td>
          </tr>
        ))}
      </AdminTable>
      <p>
        <Link to={crudPath('fields')}>{t('admin.routing.editFieldRules')}</Link>
      </p>
      <h2>{t('admin.routing.keywordsTitle')}</h2>
    </>
  );
}

function renderPage<K extends CrudSection>(section: K, page: Page<K>) {
  return PAGES[section](page);
}

/** The list page of the section the loader answered. */
export function CrudSectionPage({
  data,
  result,
}: {
  data: CrudData[CrudSection];
  result: CrudResult | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { section } = data;
  const base = { section, schema: CRUD_SECTIONS[section].schema, result };
  return renderPage(section, { data, base, t, lang: i18n.language });
}
