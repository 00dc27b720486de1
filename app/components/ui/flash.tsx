// Shows a flash message (see ~/utils/flash.server) once, as a GOV.UK-style confirmation panel.
import { useTranslation } from 'react-i18next';
import { translateMessage } from '~/utils/forms';

export function FlashMessage({
  message,
  prefix = '',
}: {
  message: string | null | undefined;
  prefix?: string;
}) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className="panel-confirmation" role="status">
      <p>{translateMessage(t, message, prefix)}</p>
    </div>
  );
}
