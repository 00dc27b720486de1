// An admin list page (units, fields, keywords, agencies): the header, the table with each row's edit link and
// delete button, the edit section (`?sua=<id>`) and the create section. Texts are `admin.<section>.*`.
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminTable, RowActions } from './admin-table';
import {
  CreateSection,
  EditSection,
  useCrudPage,
  type CrudFormProps,
  type CrudResult,
  type FormValues,
} from './crud';
import { AdminPageHeader } from './page-header';

export type CrudPageData<T> = { items: T[]; edit: T | null; flash: string | null };

export function CrudPage<T extends { id: number }>({
  section,
  path,
  data,
  result,
  rowPrefix,
  columns,
  row,
  name,
  toValues,
  initial,
  form,
  before,
  caption = `admin.${section}.caption`,
  hint = `admin.${section}.deleteHint`,
}: {
  section: string;
  path: string;
  data: CrudPageData<T>;
  result: CrudResult | undefined;
  /** a row's id is `<rowPrefix>-<id>`, the target of a refused delete's message */
  rowPrefix: string;
  /** i18n keys of the columns before "actions" */
  columns: string[];
  /** the cells of a row before its actions */
  row: (item: T) => ReactNode;
  name: (item: T) => string;
  toValues: (item: T) => FormValues;
  initial?: FormValues;
  form: (props: CrudFormProps & { submit: string }) => ReactNode;
  before?: ReactNode;
  caption?: string;
  hint?: string | null;
}) {
  const { t } = useTranslation();
  const titleId = `${section}-title`;
  const page = useCrudPage({
    items: data.items,
    edit: data.edit,
    result,
    rowId: (id) => `${rowPrefix}-${id}`,
    titleId,
    toValues,
    initial,
  });
  return (
    <>
      <AdminPageHeader
        titleId={titleId}
        title={t(`admin.${section}.title`)}
        intro={t(`admin.${section}.intro`)}
        summary={page.summary}
        flash={data.flash}
      />
      {before}
      <AdminTable caption={t(caption)} columns={[...columns, 'admin.common.actions'].map((c) => t(c))}>
        {data.items.map((item) => (
          <tr key={item.id} id={`${rowPrefix}-${item.id}`}>
            {row(item)}
            <RowActions id={item.id} name={name(item)} />
          </tr>
        ))}
      </AdminTable>
      {hint ? <p className="hint">{t(hint)}</p> : null}

      {page.editing && page.editForm ? (
        <EditSection title={t(`admin.${section}.editTitle`, { name: name(page.editing) })} cancelTo={path}>
          <Fragment key={`edit-${page.editing.id}`}>
            {form({ ...page.editForm, submit: t('admin.common.save') })}
          </Fragment>
        </EditSection>
      ) : null}
      <CreateSection title={t(`admin.${section}.createTitle`)}>
        {form({ ...page.createForm, submit: t(`admin.${section}.create`) })}
      </CreateSection>
    </>
  );
}
