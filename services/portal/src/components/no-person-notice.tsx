import { errorsOf, PageError } from '../components';
import { useI18n } from '../lib/i18n';

/**
 * No person to show: a page error, or a required field the viewer may not read (the whole person
 * is then null: 閲覧権限なし), or an account without a physician.
 */
export function NoPerson({ error }: { error?: unknown }) {
  const { t } = useI18n();
  const errors = errorsOf(error);
  if (errors.some((e) => e.extensions?.code !== 'FORBIDDEN') || (error && errors.length === 0))
    return <PageError error={error} />;
  if (errors.length) return <p className="not-permitted">{t('notPermitted')}</p>;
  return <p>{t('noPerson')}</p>;
}
