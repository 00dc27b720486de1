// Similar PAKN on the record page (issue #15): up to five earlier PAKN that read alike, why (shared citation,
// similar wording, same submitter — staff only) and how strongly; for an answered one, a coordinator may refuse
// this PAKN as its repeat (R08) with a link to that answer, through the ordinary refuse intent.
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GroupForm } from '~/components/staff/group-panel';
import { TextArea } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { isGroupable } from '~/domain/pakn-groups';
import { citationLabel } from '~/domain/similarity-index';
import { intentFormSchema } from '~/domain/workflow/intents';
import type { FieldMessage } from '~/utils/forms';

export type SimilarItem = {
  id: number;
  code: string;
  title: string;
  status: string;
  strength: 'strong' | 'medium' | 'weak';
  score: number;
  reasons: Array<{ kind: string; detail: string }>;
};

export function SimilarPanel({
  items,
  canRefuse,
  canGroup,
  version,
  onSummary,
}: {
  items: SimilarItem[];
  /** the refuse intent is open to this actor on this PAKN now */
  canRefuse: boolean;
  /** this PAKN may be grouped now (issue #15): open look-alikes get a "group with this one" button */
  canGroup: boolean;
  version: number;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  const reason = (r: { kind: string; detail: string }) => {
    if (r.kind === 'citation') return t('similar.reason.citation', { detail: citationLabel(r.detail) });
    if (r.kind === 'text')
      return r.detail ? t('similar.reason.textDetail', { detail: r.detail }) : t('similar.reason.text');
    if (r.kind === 'submitter') return t('similar.reason.submitter');
    return t('similar.reason.procedure');
  };
  return (
    <section aria-labelledby="similar-heading" className="similar-panel">
      <h2 id="similar-heading">{t('similar.heading')}</h2>
      {items.length === 0 ? (
        <p>{t('similar.none')}</p>
      ) : (
        <>
          <p className="hint">{t('similar.intro')}</p>
          <ol>
            {items.map((m) => (
              <li key={m.id} data-similar={m.code}>
                <Link to={`/can-bo/pakn/${m.id}`}>{m.code}</Link> – {m.title}{' '}
                <span className="hint">({t(`staff.status.${m.status}`)})</span>
                <br />
                <strong>{t(`similar.strength.${m.strength}`)}</strong> (
                {t('similar.score', { score: m.score.toFixed(2) })}
                ): {m.reasons.map(reason).join('; ')}
                {canGroup && isGroupable(m.status) ? (
                  <GroupForm
                    intent="group"
                    code={m.code}
                    version={version}
                    className="similar-group-form"
                    label={t('similar.group.with', { code: m.code })}
                  />
                ) : null}
                {canRefuse && m.status === 'answered' ? (
                  <RepeatForm item={m} version={version} onSummary={onSummary} />
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Refuses this PAKN as a repeat (R08) of an answered look-alike: the ordinary refuse intent, checked alike. */
function RepeatForm({
  item,
  version,
  onSummary,
}: {
  item: SimilarItem;
  version: number;
  onSummary?: (formId: string, summary: FieldMessage[]) => void;
}) {
  const { t } = useTranslation();
  const noteId = `repeat-${item.id}-note`;
  const f = usePaknForm(intentFormSchema, { id: `repeat-${item.id}-form`, ids: { note: noteId }, onSummary });
  return (
    <details className="staff-action">
      <summary>{t('similar.repeat.summary', { code: item.code })}</summary>
      <Form method="post" className="similar-repeat-form" {...f.formProps}>
        <input type="hidden" name="intent" value="refuse" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="reason" value="R08" />
        <input type="hidden" name="repeatOf" value={item.code} />
        <p className="hint">{t('similar.repeat.hint', { code: item.code })}</p>
        <TextArea id={noteId} name="note" label={t('similar.repeat.note')} rows={3} error={f.error('note')} />
        <button type="submit" className="button button-warning">
          {t('similar.repeat.submit')}
        </button>
      </Form>
    </details>
  );
}
