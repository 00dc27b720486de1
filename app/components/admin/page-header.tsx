// The top of an admin page: the error summary, the confirmation after a redirect, the title and the intro.
import type { ReactNode } from 'react';

import { FlashMessage } from '~/components/ui/flash';
import { ErrorSummary, type FieldError } from '~/components/ui/form';

export function AdminPageHeader({
  titleId,
  title,
  intro,
  summary,
  flash,
}: {
  /** the target of the summary's form-level errors */
  titleId?: string;
  title: ReactNode;
  intro?: ReactNode;
  summary: FieldError[];
  /** the flash message waiting for this page (~/utils/admin-flash.server) */
  flash: string | null | undefined;
}) {
  return (
    <>
      <ErrorSummary errors={summary} />
      <FlashMessage message={flash} variant="notice" />
      <h1 id={titleId} tabIndex={titleId ? -1 : undefined}>
        {title}
      </h1>
      {intro ? <p>{intro}</p> : null}
    </>
  );
}
