import { useState } from 'react';
import { gatewayOrigin } from '../lib/config';
import { useI18n } from '../lib/i18n';

/**
 * A download button for a document behind a short-lived signed link: asks the API for a fresh
 * link at the click (a link is never kept), then the browser fetches the PDF (an attachment, so
 * the page stays).
 */
export function DocumentButton({
  label,
  ariaLabel,
  fetchPath,
  testId,
}: {
  label: string;
  /** A longer accessible name that starts with the visible label (e.g. with the invoice number). */
  ariaLabel?: string;
  /** The document's path on the gateway (e.g. `DuesInvoice.invoiceDocument.path`), or none. */
  fetchPath: () => Promise<string | null | undefined>;
  testId?: string;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const onClick = async () => {
    setState('busy');
    const path = await fetchPath().catch(() => null);
    if (!path) {
      setState('failed');
      return;
    }
    setState('idle');
    window.location.assign(new URL(path, gatewayOrigin()).toString());
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        data-testid={testId}
        aria-label={ariaLabel}
        disabled={state === 'busy'}
        onClick={() => void onClick()}
      >
        {label}
      </button>
      {state === 'failed' && (
        <span role="alert" className="field-error">
          {' '}
          {t('documentFailed')}
        </span>
      )}
    </>
  );
}
