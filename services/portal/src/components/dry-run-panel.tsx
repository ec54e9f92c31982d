import { useId, type FormEvent, type ReactNode } from 'react';
import { PageError } from '../components';
import { useI18n } from '../lib/i18n';

/**
 * A fresh idempotency key: made when a preview is shown and sent with its apply, so a second
 * press of the apply button (or a retry after a lost answer) is answered once by the API.
 */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export interface DryRunPanelProps {
  title: string;
  lead?: ReactNode;
  /** Shown after an apply (a status notice). */
  done?: ReactNode;
  doneTestId?: string;
  /** An error of the whole operation (PageError). */
  failure: unknown;
  /** A request is running: both buttons wait. */
  busy: boolean;
  /** The form's fields (inputs with their labels and errors). */
  fields: ReactNode;
  /** The dry-run button's label (default 確認する（試行）). */
  previewLabel?: string;
  onPreview: () => void;
  /** The preview (summary and table); null: none yet. */
  preview: ReactNode | null;
  previewTestId: string;
  applyLabel: string;
  /** E.g. nothing to apply, or the input changed since the preview. */
  applyDisabled?: boolean;
  onApply: () => void;
  /** Shown above the form (e.g. a list the action applies to). */
  children?: ReactNode;
}

/**
 * Every bulk action of the office console previews first: a form whose submit is a dry run, the
 * preview (nothing recorded yet), and the button that applies exactly what was previewed. One
 * section (card) with a heading; the status notice after applying; errors of the whole operation.
 */
export function DryRunPanel(props: DryRunPanelProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.lead && <p className="lead">{props.lead}</p>}
      {props.done && (
        <p role="status" className="notice notice--ok" data-testid={props.doneTestId}>
          {props.done}
        </p>
      )}
      <PageError error={props.failure} />
      {props.children}
      <form
        className="form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          props.onPreview();
        }}
      >
        {props.fields}
        <div className="actions">
          <button type="submit" className="button" disabled={props.busy}>
            {props.previewLabel ?? t('dryRun')}
          </button>
        </div>
      </form>
      {props.preview && (
        <div data-testid={props.previewTestId}>
          <h3>{t('previewTitle')}</h3>
          {props.preview}
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={props.busy || props.applyDisabled}
              onClick={props.onApply}
            >
              {props.applyLabel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** A form field with its label and its error (aria-invalid, aria-describedby). */
export function FieldError({ id, problem }: { id: string; problem: string | null | undefined }) {
  if (!problem) return null;
  return (
    <p id={id} className="field-error">
      {problem}
    </p>
  );
}
