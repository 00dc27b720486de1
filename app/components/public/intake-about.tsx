// What the citizen's PAKN is about: type, subject, category (narrowed with JavaScript to the chosen
// type and subject), title, content, the regulation concerned and the field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SimilarAnswersLive } from '~/components/public/similar-answers';
import { Choices, Select, TextArea, TextField } from '~/components/ui/form';
import { useHydrated } from '~/components/ui/use-hydrated';
import { BEHAVIOUR_CATEGORIES, CATEGORIES, PAKN_TYPES, PETITION_ONLY_CATEGORIES } from '~/domain/pakn';
import { LIMITS, visibleCategories } from '~/domain/submission-schema';

import type { IntakeSectionProps } from './intake-submitter';

export function IntakeAbout({
  err,
  str,
  fields,
}: IntakeSectionProps & { fields: Array<{ value: string; label: string }> }) {
  const { t, i18n } = useTranslation();
  const hydrated = useHydrated();
  const [type, setType] = useState(str('type'));
  const [subject, setSubject] = useState(str('subject'));
  // without JavaScript every category shows and the server checks that it fits
  const shownCategories = hydrated ? visibleCategories(type, subject) : CATEGORIES;
  return (
    <>
      <h2>{t('intake.form.sectionAbout')}</h2>
      <Choices
        id="type"
        name="type"
        legend={t('intake.form.type')}
        hint={t('intake.form.typeHint')}
        error={err('type')}
        defaultValue={str('type')}
        onChange={setType}
        options={PAKN_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))}
      />
      <Choices
        id="subject"
        name="subject"
        legend={t('intake.form.subject')}
        error={err('subject')}
        defaultValue={str('subject')}
        onChange={setSubject}
        options={[
          { value: 'regulation', label: t('subject.regulation') },
          { value: 'behaviour', label: t('subject.behaviour') },
        ]}
      />
      <Choices
        id="category"
        name="category"
        legend={t('intake.form.category')}
        hint={`${t('intake.form.categoryHintRegulation')} ${t('intake.form.categoryHintBehaviour')} ${t('intake.form.categoryHintPetition')}`}
        error={err('category')}
        defaultValue={str('category')}
        small
        options={shownCategories.map((c) => ({
          value: String(c),
          label: t(`category.${c}`),
          hint: BEHAVIOUR_CATEGORIES.includes(c)
            ? t('intake.form.categoryGroupBehaviour')
            : PETITION_ONLY_CATEGORIES.includes(c)
              ? t('intake.form.categoryGroupPetition')
              : t('intake.form.categoryGroupRegulation'),
        }))}
      />
      <TextField
        id="title"
        name="title"
        label={t('intake.form.titleField')}
        hint={t('intake.form.titleHint')}
        error={err('title')}
        defaultValue={str('title')}
        maxLength={LIMITS.title}
      />
      <TextArea
        id="content"
        name="content"
        label={t('intake.form.content')}
        hint={`${t('intake.form.contentHint', { max: LIMITS.content.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') })} ${t('intake.form.contentLanguage')}`}
        error={err('content')}
        defaultValue={str('content')}
        rows={10}
      />
      <SimilarAnswersLive />
      <TextField
        id="regulationRef"
        name="regulationRef"
        label={t('intake.form.regulationRef')}
        hint={t('intake.form.regulationRefHint')}
        error={err('regulationRef')}
        defaultValue={str('regulationRef')}
        optional
        maxLength={LIMITS.regulationRef}
      />
      <Select
        id="field"
        name="field"
        label={t('intake.form.field')}
        error={err('field')}
        defaultValue={str('field')}
        placeholder=""
        options={[...fields, { value: 'unknown', label: t('intake.form.fieldUnknown') }]}
      />
    </>
  );
}
