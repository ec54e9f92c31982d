/** The session form's values (研修会の作成・編集): from and to a session, and what the browser checks. */
import type { SessionCreditKind, SessionVisibility } from '../../../gql/graphql';
import type { MessageKey } from '../../../lib/i18n';
import type { Detail } from './session-operations';

/** The session's Tokyo date and time (the API serves +09:00: the text is the local time). */
const localParts = (iso: string | null | undefined) =>
  iso ? { date: iso.slice(0, 10), time: iso.slice(11, 16) } : { date: '', time: '' };

/** The viewer's-language message for an API input problem at `field` (the API's text otherwise). */
export function problemText(
  t: (k: MessageKey) => string,
  field: string,
  message: string,
  reason: string | undefined,
): string {
  if (/^input\.credits\.\d+\.units$/.test(field)) return t('sessionUnitsInvalid');
  if (/^input\.credits\.\d+\.code$/.test(field))
    return t(reason === 'CODE_TWICE' ? 'sessionCodeDuplicate' : 'sessionCodeUnknown');
  if (field === 'input.capacity') return t('sessionCapacityInvalid');
  if (field === 'input.venue') return t('sessionPlaceHint');
  if (field === 'input.endsAt') return t('sessionEndBeforeStart');
  if (field === 'input.title') return t('sessionTitleInvalid');
  if (field === 'input.onlineUrl') return t('sessionUrlInvalid');
  return message;
}

export interface CreditRow {
  kind: SessionCreditKind;
  code: string;
  units: string;
}

export interface FormValues {
  programCode: string;
  title: string;
  date: string;
  start: string;
  end: string;
  venue: string;
  onlineUrl: string;
  capacity: string;
  visibility: SessionVisibility;
  credits: CreditRow[];
}

export const emptyValues = (programCode: string): FormValues => ({
  programCode,
  title: '',
  date: '',
  start: '',
  end: '',
  venue: '',
  onlineUrl: '',
  capacity: '',
  visibility: 'PUBLIC',
  credits: [{ kind: 'CURRICULUM_CODE', code: '', units: '1' }],
});

export const valuesOf = (s: Detail): FormValues => ({
  programCode: s.programCode,
  title: s.title,
  date: localParts(s.startsAt).date,
  start: localParts(s.startsAt).time,
  end: localParts(s.endsAt).time,
  venue: s.venue ?? '',
  onlineUrl: s.onlineUrl ?? '',
  capacity: s.capacity === null ? '' : String(s.capacity),
  visibility: s.visibility,
  credits: s.credits.map((c) => ({ kind: c.kind, code: c.code, units: String(c.units) })),
});

/**
 * Checks what the browser can check (`creating`: the program is chosen too); the API checks the
 * rest (and says where).
 */
export function localProblems(
  t: (k: MessageKey) => string,
  values: FormValues,
  creating: boolean,
): Record<string, string> {
  const p: Record<string, string> = {};
  const required = t('sessionFieldRequired');
  if (creating && !values.programCode) p['input.programCode'] = required;
  if (!values.title.trim()) p['input.title'] = required;
  if (!values.date) p['input.startsAt'] = required;
  if (!/^\d{2}:\d{2}$/.test(values.start)) p['input.startsAt.time'] = t('sessionTimeInvalid');
  if (values.end && !/^\d{2}:\d{2}$/.test(values.end)) p['input.endsAt'] = t('sessionTimeInvalid');
  if (!values.venue.trim() && !values.onlineUrl.trim()) p['input.venue'] = t('sessionPlaceHint');
  if (values.capacity.trim() && !/^\d+$/.test(values.capacity.trim()))
    p['input.capacity'] = t('sessionCapacityInvalid');
  values.credits.forEach((c, i) => {
    if (!c.code.trim()) p[`input.credits.${i}.code`] = required;
    const n = Number(c.units);
    if (!(n > 0) || !Number.isInteger(n * 2)) p[`input.credits.${i}.units`] = t('sessionUnitsInvalid');
  });
  return p;
}

export interface FieldAttrs {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** After a refused submit: the first marked field gets the focus (the clerk sees what to fix). */
export function focusFirstProblem(formId: string) {
  setTimeout(() => {
    const el = document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, 0);
}
