/**
 * One entry of the message catalogue: a stable reason code (`extensions.details.reason`), the
 * Japanese text a person reads first and the English text shown alongside.
 */
export interface MessageText {
  readonly reason: string;
  readonly ja: string;
  readonly en: string;
}

/** A catalogue entry that interpolates values: call it with its parameters to get the text. */
export type ParamMessage<P> = ((params: P) => MessageText) & {
  readonly reason: string;
  readonly ja: (params: P) => string;
  readonly en: (params: P) => string;
};

/** Any catalogue entry, with or without parameters. */
export type CatalogueEntry = MessageText | ParamMessage<never>;

/**
 * Defines a catalogue entry. With strings it is the text itself; with functions of typed
 * parameters it is called at the call site (`Messages.TEXT_TOO_LONG({ max: 200 })`).
 */
export function message(reason: string, ja: string, en: string): MessageText;
export function message<P>(reason: string, ja: (p: P) => string, en: (p: P) => string): ParamMessage<P>;
export function message<P>(
  reason: string,
  ja: string | ((p: P) => string),
  en: string | ((p: P) => string),
): MessageText | ParamMessage<P> {
  if (typeof ja === 'string' && typeof en === 'string') return Object.freeze({ reason, ja, en });
  const jaOf = ja as (p: P) => string;
  const enOf = en as (p: P) => string;
  const fn = (params: P): MessageText => Object.freeze({ reason, ja: jaOf(params), en: enOf(params) });
  return Object.assign(fn, { reason, ja: jaOf, en: enOf }) as unknown as ParamMessage<P>;
}

/** What a person reads: Japanese first, the English in parentheses after it. */
export const formatMessage = (m: MessageText): string => `${m.ja} (${m.en})`;

/** Whether a value is a catalogue text (as opposed to a plain string). */
export const isMessageText = (value: unknown): value is MessageText =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as MessageText).reason === 'string' &&
  typeof (value as MessageText).ja === 'string' &&
  typeof (value as MessageText).en === 'string';
