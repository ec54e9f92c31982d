import type { InputHTMLAttributes } from 'react';
import type { SessionCreditKind } from '../../../gql/graphql';
import { useI18n } from '../../../lib/i18n';
import type { CreditRow } from './session-form-model';
import type { Program } from './session-operations';

/**
 * A session's credit lines (単位): kind, code (the program's codes offered) and units of each line,
 * with the problem the API found at each; lines added and removed. `id` is the form's id (the
 * controls' ids start with it); `onChange` gets an update of the lines.
 */
export function SessionCreditLinesFieldset({
  id,
  credits,
  program,
  editing,
  problems,
  onChange,
}: {
  id: string;
  credits: CreditRow[];
  program: Program | undefined;
  /** An existing session: its credits already recorded are kept (said in the hint). */
  editing: boolean;
  problems: Record<string, string>;
  onChange(update: (credits: CreditRow[]) => CreditRow[]): void;
}) {
  const { t } = useI18n();
  const setCredit = (i: number, patch: Partial<CreditRow>) =>
    onChange((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  /** A credit line's code or units: the label, the input, the problem the API found with it. */
  const creditInput = (
    i: number,
    part: 'code' | 'units',
    label: string,
    attrs: Pick<InputHTMLAttributes<HTMLInputElement>, 'list' | 'inputMode'>,
  ) => {
    const inputId = `${id}-${part}-${i}`;
    const problem = problems[`input.credits.${i}.${part}`];
    return (
      <div>
        <label htmlFor={inputId}>
          {t('creditLine', { n: String(i + 1) })} {label}
        </label>
        <input
          id={inputId}
          {...attrs}
          value={credits[i]![part]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-error` : undefined}
          onChange={(e) => setCredit(i, { [part]: e.target.value })}
        />
        {problem && (
          <p id={`${inputId}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <fieldset className="form-field credit-lines" aria-describedby={`${id}-credits-hint`}>
      <legend>{t('sessionCredits')}</legend>
      <p id={`${id}-credits-hint`} className="hint">
        {t('sessionCreditsHint')}
        {editing ? ` ${t('creditsKeptNote')}` : ''}
      </p>
      {program && program.codes.length > 0 && (
        <datalist id={`${id}-codes`}>
          {program.codes.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      )}
      {credits.map((c, i) => {
        const n = String(i + 1);
        const line = t('creditLine', { n });
        return (
          <div key={i} className="credit-line" data-testid="credit-line">
            <div>
              <label htmlFor={`${id}-kind-${i}`}>
                {line} {t('creditKind')}
              </label>
              <select
                id={`${id}-kind-${i}`}
                value={c.kind}
                onChange={(e) => setCredit(i, { kind: e.target.value as SessionCreditKind })}
              >
                <option value="CURRICULUM_CODE">{t('creditKindCURRICULUM_CODE')}</option>
                <option value="CATEGORY">{t('creditKindCATEGORY')}</option>
              </select>
            </div>
            {creditInput(i, 'code', t('creditCode'), {
              list: program && program.codes.length > 0 ? `${id}-codes` : undefined,
            })}
            {creditInput(i, 'units', t('creditUnits'), { inputMode: 'decimal' })}
            <div className="credit-line__remove">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => onChange((cs) => cs.filter((_, j) => j !== i))}
              >
                {t('creditRemove', { n })}
              </button>
            </div>
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange((cs) => [...cs, { kind: 'CURRICULUM_CODE', code: '', units: '1' }])}
        >
          {t('creditAdd')}
        </button>
      </div>
    </fieldset>
  );
}
