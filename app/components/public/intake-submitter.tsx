// Who sends the citizen's form: a person or an organisation (its name and representative, shown with
// JavaScript only for an organisation), name, address, phone and e-mail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Choices, TextField } from '~/components/ui/form';
import { useHydrated } from '~/components/ui/use-hydrated';
import { SUBMITTER_KINDS } from '~/domain/pakn';
import { LIMITS } from '~/domain/submission-schema';

/** What a section of the citizen's form reads: a field's translated message and the value to show. */
export type IntakeSectionProps = {
  err: (name: string) => string | undefined;
  str: (name: string) => string | undefined;
};

export function IntakeSubmitter({ err, str }: IntakeSectionProps) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [kind, setKind] = useState(str('submitterKind'));
  // without JavaScript the organisation fields always show and the server checks them
  const isOrg = (hydrated ? kind : str('submitterKind')) === 'organisation';
  const hideOrg = hydrated && !isOrg;
  return (
    <>
      <h2>{t('intake.form.sectionSubmitter')}</h2>
      <Choices
        id="submitterKind"
        name="submitterKind"
        legend={t('intake.form.submitterKind')}
        error={err('submitterKind')}
        defaultValue={str('submitterKind')}
        onChange={setKind}
        options={SUBMITTER_KINDS.map((k) => ({ value: k, label: t(`submitterKind.${k}`) }))}
      />
      <fieldset
        id="org-fields"
        className="fieldset org-fields"
        aria-describedby="org-fields-hint"
        // hidden and disabled together: nothing typed there is sent for an individual
        hidden={hideOrg}
        disabled={hideOrg}
      >
        <legend className="legend-small">{t('intake.form.orgLegend')}</legend>
        <p className="hint" id="org-fields-hint">
          {t('intake.form.orgHint')}
        </p>
        <TextField
          id="orgName"
          name="orgName"
          label={t('intake.form.orgName')}
          error={err('orgName')}
          defaultValue={str('orgName')}
          autoComplete="organization"
          maxLength={LIMITS.orgName}
        />
        <TextField
          id="representative"
          name="representative"
          label={t('intake.form.representative')}
          error={err('representative')}
          defaultValue={str('representative')}
          maxLength={LIMITS.representative}
        />
      </fieldset>
      <TextField
        id="fullName"
        name="fullName"
        label={t('intake.form.fullName')}
        hint={isOrg ? t('intake.form.fullNameHintOrg') : undefined}
        error={err('fullName')}
        defaultValue={str('fullName')}
        autoComplete="name"
        maxLength={LIMITS.fullName}
      />
      <TextField
        id="address"
        name="address"
        label={t('intake.form.address')}
        error={err('address')}
        defaultValue={str('address')}
        autoComplete="street-address"
        maxLength={LIMITS.address}
      />
      <TextField
        id="phone"
        name="phone"
        type="tel"
        label={t('intake.form.phone')}
        hint={t('intake.form.phoneHint')}
        error={err('phone')}
        defaultValue={str('phone')}
        autoComplete="tel"
        inputMode="tel"
        className="input-20"
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label={t('intake.form.email')}
        hint={t('intake.form.emailHint')}
        error={err('email')}
        defaultValue={str('email')}
        autoComplete="email"
        maxLength={LIMITS.email}
      />
    </>
  );
}
