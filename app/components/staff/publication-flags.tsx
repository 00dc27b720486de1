// The personal-data check of the publish page: one decision per flag (redact, or keep with a reason), and one
// button per kind that hides every flag of that kind at once (issue 13.27). The buttons are submit buttons of
// the publish form, so they work without JavaScript and post what was typed with them.
import { useTranslation } from 'react-i18next';
import { Choices, TextArea } from '~/components/ui/form';
import { HIDE_ALL_PREFIX, PII_KINDS } from '~/domain/redaction-decisions';
import type { PiiKind } from '~/domain/redaction';

type Group = {
  key: string;
  source: string;
  kind: PiiKind;
  text: string;
  count: number;
  contexts: { before: string; match: string; after: string }[];
};

export function sourceLabel(
  source: string,
  t: (key: string, opts?: Record<string, unknown>) => string,
): string {
  return source.startsWith('file:')
    ? t('publish.source.file', { name: source.slice(5) })
    : t(`publish.source.${source}`);
}

/** "Hide all" is offered for a kind found in two or more places. */
function bulkKinds(groups: readonly Group[]): Array<{ kind: PiiKind; count: number }> {
  return PII_KINDS.map((kind) => ({ kind, count: groups.filter((g) => g.kind === kind).length })).filter(
    (k) => k.count >= 2,
  );
}

export function PublicationFlags({
  groups,
  values,
  errors,
  showIdentity,
  bulkNotice,
}: {
  groups: Group[];
  values: Record<string, string>;
  errors: Record<string, string>;
  showIdentity: boolean;
  /** after a "hide all": what it did, announced to screen readers */
  bulkNotice?: string | null;
}) {
  const { t } = useTranslation();
  const bulk = bulkKinds(groups);
  return (
    <section aria-labelledby="flags-title">
      <h2 id="flags-title">{t('publish.flags.title')}</h2>
      {groups.length === 0 ? (
        <p className="notice" role="status">
          {t('publish.flags.none')}
        </p>
      ) : (
        <>
          <p>{t('publish.flags.intro')}</p>
          {showIdentity ? <p className="hint">{t('publish.flags.identityHint')}</p> : null}
        </>
      )}
      {bulkNotice ? (
        <p className="notice" role="status">
          {bulkNotice}
        </p>
      ) : null}
      {bulk.length ? (
        <div className="form-group">
          <p className="hint" id="hide-all-hint">
            {t('publish.flags.hideAllHint')}
          </p>
          <div className="button-group">
            {bulk.map((b) => (
              <button
                key={b.kind}
                type="submit"
                name="intent"
                value={`${HIDE_ALL_PREFIX}${b.kind}`}
                className="button button-secondary"
                aria-describedby="hide-all-hint"
              >
                {t(`publish.flags.hideAll.${b.kind}`, { count: b.count })}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {groups.map((g) => (
        // keyed on the decision too, so a "hide all" re-renders the choice when the page is not reloaded
        <div key={`${g.key}:${values[`d_${g.key}`] ?? ''}`} className="flag">
          <Choices
            id={`flag-${g.key}`}
            name={`d_${g.key}`}
            small
            legend={t('publish.flags.legend', {
              kind: t(`publish.kind.${g.kind}`),
              source: sourceLabel(g.source, t),
              text: g.text,
            })}
            hint={
              <>
                {g.contexts.map((c, i) => (
                  <span key={i} className="flag-context">
                    {c.before}
                    <mark>{c.match}</mark>
                    {c.after}
                    <br />
                  </span>
                ))}
                {g.count > 1 ? t('publish.flags.occurrences', { count: g.count }) : null}
              </>
            }
            error={errors[`flag-${g.key}`]}
            defaultValue={values[`d_${g.key}`]}
            options={[
              { value: 'redact', label: t('publish.flags.redact') },
              { value: 'dismiss', label: t('publish.flags.dismiss') },
            ]}
          />
          <TextArea
            id={`r_${g.key}`}
            name={`r_${g.key}`}
            label={t('publish.flags.reason')}
            hint={t('publish.flags.reasonHint')}
            defaultValue={values[`r_${g.key}`]}
            error={errors[`r_${g.key}`]}
            rows={2}
          />
        </div>
      ))}
    </section>
  );
}
