// The role and unit of a staff account, on the pages that create and edit one (routes/can-bo.quan-tri.nguoi-dung.*).
import { useTranslation } from 'react-i18next';

import { Select } from '~/components/ui/form';
import { ROLES } from '~/domain/permissions';

export function RoleAndUnitFields({
  error,
  role,
  unit,
  units,
  chooseRole = false,
}: {
  /** the translated message of a field (usePaknForm's `error`) */
  error: (name: string) => string | undefined;
  role: string | undefined;
  unit: string | undefined;
  units: Array<{ value: string; label: string }>;
  /** a new account starts with no role chosen */
  chooseRole?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        id="role"
        name="role"
        label={t('auth.users.role')}
        error={error('role')}
        defaultValue={role}
        placeholder={chooseRole ? '' : undefined}
        options={ROLES.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))}
      />
      <Select
        id="unit"
        name="unit"
        label={t('auth.users.unit')}
        hint={t('auth.users.unitHint')}
        error={error('unit')}
        defaultValue={unit}
        placeholder={t('auth.users.noUnit')}
        options={units}
      />
    </>
  );
}
