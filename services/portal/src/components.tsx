import type { ReactNode } from 'react';
import { useAuth } from './lib/auth';
import { actionOf, pageErrors, type ApiError } from './lib/error-actions';
import { useI18n } from './lib/i18n';
import { useRouter } from './lib/router';

/** GraphQL errors of an Apollo result (Apollo Client 4: `error.errors`; a network error: none). */
export function errorsOf(error: unknown): ApiError[] {
  const e = error as { errors?: ApiError[]; graphQLErrors?: ApiError[] } | undefined;
  return e?.errors ?? e?.graphQLErrors ?? [];
}

/**
 * The errors that concern the whole view (not a FORBIDDEN field), as the client kit says; with
 * `onRetry`, a button to ask again (for a part of a page that could not be loaded).
 */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const errors = pageErrors(errorsOf(error));
  if (errorsOf(error).length > 0 && errors.length === 0) return null;
  const rateLimited = errors.some((e) => actionOf(e) === 'RETRY_LATER');
  return (
    <div role="alert" className="notice notice--error">
      <p>{t(rateLimited ? 'errorRateLimited' : 'errorGeneric')}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('loading')}
    </p>
  );
}

/** A page for the signed-in only: its title, who it is for, and the sign-in (back to this page). */
export function SignInRequired({ title, reason }: { title: string; reason: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { location } = useRouter();
  return (
    <div className="page">
      <h1>{title}</h1>
      <p>{reason}</p>
      <button type="button" className="button" onClick={() => void auth.signIn(location.pathname)}>
        {t('signIn')}
      </button>
    </div>
  );
}

/**
 * A table that scrolls sideways on a narrow screen: a focusable region named by its heading
 * (`labelledBy`) or a `label`, one row of column headers; `children` are the body's rows.
 */
export function DataTable({
  labelledBy,
  label,
  testId,
  columns,
  wide,
  children,
}: {
  labelledBy?: string;
  label?: string;
  testId?: string;
  /** Many columns: keep them readable and scroll sideways on a phone (`table.wide`). */
  wide?: boolean;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy} aria-label={label}>
      <table data-testid={testId} className={wide ? 'wide' : undefined}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th scope="col" key={i}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A field the viewer may not read: said so, never a broken page. */
export function NotPermitted() {
  const { t } = useI18n();
  return <span className="not-permitted">{t('notPermitted')}</span>;
}

/** Show `value`, or 閲覧権限なし when the field's path is FORBIDDEN for this viewer. */
export function Guarded({
  forbidden,
  path,
  children,
}: {
  forbidden: Set<string>;
  path: string;
  children: ReactNode;
}) {
  if (forbidden.has(path)) return <NotPermitted />;
  return <>{children}</>;
}

/** A date as people read it in Japan (YYYY年M月D日) or in English. */
export function FormattedDate({ value }: { value: string | null | undefined }) {
  const { lang } = useI18n();
  if (!value) return <>—</>;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const text =
    lang === 'ja'
      ? `${y}年${m}月${d}日`
      : new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          timeZone: 'UTC',
        });
  return <time dateTime={value.slice(0, 10)}>{text}</time>;
}

/** A date-time in Asia/Tokyo. */
export function FormattedDateTime({ value }: { value: string | null | undefined }) {
  const { lang } = useI18n();
  if (!value) return <>—</>;
  const text = new Date(value).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return <time dateTime={value}>{text}</time>;
}
