import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError, badInput, conflict, ErrorCode, notFound, UNAVAILABLE_MESSAGE } from '../src/errors';
import { formatMessage, MESSAGE_MODULES, Messages, type MessageText } from '../src/messages';

const ROOT = join(__dirname, '../../..');
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Every catalogue entry as text: an entry with parameters is called with stand-in values. */
const standIn = new Proxy({}, { get: () => '1' });
const entries = Object.entries(MESSAGE_MODULES).flatMap(([module, catalogue]) =>
  Object.entries(catalogue).map(([key, entry]) => ({
    module,
    key,
    entry,
    text: (typeof entry === 'function'
      ? (entry as (p: unknown) => MessageText)(standIn)
      : entry) as MessageText,
  })),
);

describe('the message catalogue', () => {
  it('has a stable UPPER_SNAKE reason code per entry, equal to its key, unique across all modules', () => {
    const seen = new Map<string, string>();
    for (const { module, key, entry } of entries) {
      expect(entry.reason).toBe(key);
      expect(key).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect({ key, firstIn: seen.get(key) ?? module }).toEqual({ key, firstIn: module });
      seen.set(key, module);
    }
    expect(Object.keys(Messages).length).toBe(entries.length);
  });

  it('gives every entry a non-empty Japanese text (with Japanese characters, ending in 。) and English text', () => {
    for (const { key, text } of entries) {
      expect({ key, ja: text.ja.trim().length > 0, en: text.en.trim().length > 0 }).toEqual({
        key,
        ja: true,
        en: true,
      });
      expect({ key, japanese: JAPANESE.test(text.ja), period: text.ja.endsWith('。') }).toEqual({
        key,
        japanese: true,
        period: true,
      });
      expect({ key, reason: text.reason }).toEqual({ key, reason: key });
    }
  });

  it('interpolates typed parameters', () => {
    expect(Messages.TEXT_TOO_LONG({ max: 200 })).toEqual({
      reason: 'TEXT_TOO_LONG',
      ja: '200文字以内で入力してください。',
      en: 'At most 200 characters',
    });
  });
});

describe('errors from catalogue entries', () => {
  it('reads Japanese first with the English in parentheses, as the busy message does', () => {
    expect(formatMessage(Messages.UNITS_HALF_STEP)).toBe(
      '単位は0.5単位刻みの正の数で入力してください。 (Units must be positive, in steps of 0.5)',
    );
    expect(UNAVAILABLE_MESSAGE).toBe(
      'ただいま混み合っています。しばらくしてから再度お試しください。 (The service is busy; please try again shortly.)',
    );
  });

  it('puts the reason code in extensions.details.reason, and keeps a reason the call site gives', () => {
    const e = badInput('input.units', Messages.UNITS_HALF_STEP);
    expect(e.message).toBe(formatMessage(Messages.UNITS_HALF_STEP));
    expect(e.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.units',
      details: { reason: 'UNITS_HALF_STEP' },
    });
    const kept = badInput('input.subjectJa', Messages.TEXT_TOO_LONG({ max: 200 }), {
      reason: 'TOO_LONG',
      max: 200,
    });
    expect(kept.extensions.details).toEqual({ reason: 'TOO_LONG', max: 200 });
    expect(conflict(Messages.STALE_VERSION, 'version').extensions).toEqual({
      code: 'CONFLICT',
      field: 'version',
      details: { reason: 'STALE_VERSION' },
    });
    expect(notFound().extensions).toEqual({ code: 'NOT_FOUND', details: { reason: 'NOT_FOUND' } });
    expect(new AppError(ErrorCode.FORBIDDEN, Messages.FIELD_NOT_ALLOWED).message).toMatch(
      /^この項目.*\(Not allowed/,
    );
  });
});

/** Non-test TypeScript sources of the services, the gateway and infra. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'test' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The top-level arguments of the call whose `(` is at `open` (strings, templates and brackets skipped). */
function callArguments(src: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(src.slice(start, i));
        return args.map((a) => a.trim()).filter(Boolean);
      }
    } else if (c === ',' && depth === 1) {
      args.push(src.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

describe('call sites name catalogue entries', () => {
  it('no badInput/conflict/notFound in src passes a string literal as its message', () => {
    const dirs = [
      ...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'src')),
      join(ROOT, 'gateway/src'),
      join(ROOT, 'infra'),
    ].filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory());
    const MESSAGE_ARG = { badInput: 1, conflict: 0, notFound: 0 } as const;
    const offenders: string[] = [];
    let calls = 0;
    for (const file of dirs.flatMap((d) => sources(d))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\b(badInput|conflict|notFound)\(/g)) {
        const args = callArguments(src, m.index + m[0].length - 1);
        const message = args[MESSAGE_ARG[m[1] as keyof typeof MESSAGE_ARG]];
        if (message === undefined) continue;
        calls++;
        if (/^['"`]/.test(message)) {
          const line = src.slice(0, m.index).split('\n').length;
          offenders.push(`${relative(ROOT, file)}:${line}: ${m[1]}(…${message.slice(0, 60)})`);
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
    expect(offenders).toEqual([]);
  });
});
