// Shows a flash message (see ~/utils/flash.server) once: a confirmation panel, or a one-line notice.
import { useTranslation } from 'react-i18next';

import { translateMessage } from '~/utils/forms';

export function FlashMessage({
  message,
  prefix = '',
  variant = 'panel',
  params,
}: {
  message: string | null | undefined;
  prefix?: string;
  variant?: 'panel' | 'notice';
  /** parameters the page knows itself, beside those the message carries */
  params?: Record<string, string>;
}) {
  const { t } = useTranslation();
  if (!message) return null;
  const text = translateMessage(t, message, prefix, params);
  return variant === 'notice' ? (
    <p className="notice" role="status">
      {text}
    </p>
  ) : (
    <div className="panel-confirmation" role="status">
      <p>{text}</p>
    </div>
  );
}
