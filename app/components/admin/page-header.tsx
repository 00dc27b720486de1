// The top of an admin page: the error summary, the confirmation after a redirect, the title and the intro.
import type { ReactNode } from 'react';

import { ErrorSummary, type FieldError } from '~/components/ui/form';

export function Flash({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="notice" role="status">
      {message}
    </p>
  );
}

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
  flash: string | null | undefined;
}) {
  return (
    <>
      <ErrorSummary errors={summary} />
      <Flash message={flash} />
      <h1 id={titleId} tabIndex={titleId ? -1 : undefined}>
        {title}
      </h1>
      {intro ? <p>{intro}</p> : null}
    </>
  );
}
