// An admin list: a captioned table that scrolls in its own box on a phone (ScrollTable), its rows' status
// cell and their edit link and delete button.
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from '~/components/ui/scroll-table';

export function AdminTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <ScrollTable label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollTable>
  );
}

/** "Đang sử dụng" / "Ngừng sử dụng". */
export function ActiveCell({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <td>{active ? t('admin.common.active') : t('admin.common.inactive')}</td>;
}

/** The edit link (`?sua=<id>#sua`) and, unless `noDelete`, the delete button of a row; `name` tells them apart for screen readers. */
export function RowActions({
  id,
  name,
  noDelete,
}: {
  id: number | string;
  name: string;
  noDelete?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <td>
      <Link to={`?sua=${id}#sua`}>
        {t('admin.common.edit')}
        <span className="visually-hidden"> {name}</span>
      </Link>
      {noDelete ? null : (
        <>
          {' '}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={id} />
            <button type="submit" className="button button-secondary">
              {t('admin.common.delete')}
              <span className="visually-hidden"> {name}</span>
            </button>
          </Form>
        </>
      )}
    </td>
  );
}
