/**
 * Minimal pretty-printing of the children's pino JSON lines for `npm start`:
 * `HH:MM:SS.mmm LEVEL name │ msg key=value …`. Anything that is not a pino line passes through.
 */

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const LEVEL_COLOR: Record<string, number> = {
  TRACE: 90,
  DEBUG: 90,
  INFO: 32,
  WARN: 33,
  ERROR: 31,
  FATAL: 35,
};
const NAME_COLORS = [36, 35, 34, 33, 32, 96, 95, 94];
/** Fields every pino line has (or that the prefix already shows). */
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'service', 'name', 'msg', 'v']);

export interface LineFormatter {
  (line: string): string;
}

export interface FormatOptions {
  color: boolean;
  /** Width the name column is padded to. */
  nameWidth: number;
  /** Pass pino JSON through untouched (MAMIS_LOG_FORMAT=json). */
  raw?: boolean;
}

let nextColor = 0;

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

const clock = (time: unknown): string => {
  const d = typeof time === 'number' || typeof time === 'string' ? new Date(time) : new Date();
  const valid = Number.isNaN(d.getTime()) ? new Date() : d;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(valid.getHours())}:${pad(valid.getMinutes())}:${pad(valid.getSeconds())}.${pad(valid.getMilliseconds(), 3)}`;
};

const short = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
};

/** A formatter for one named source (a child process, or the runner itself). */
export function lineFormatter(name: string, opts: FormatOptions): LineFormatter {
  const color = NAME_COLORS[nextColor++ % NAME_COLORS.length]!;
  const label = paint(opts.color, color, name.padEnd(opts.nameWidth));
  const bar = paint(opts.color, 90, '│');
  return (line: string) => {
    if (opts.raw || !line.startsWith('{')) return `${label} ${bar} ${line}`;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return `${label} ${bar} ${line}`;
    }
    if (typeof rec.level !== 'number') return `${label} ${bar} ${line}`;
    const level = LEVELS[rec.level] ?? String(rec.level);
    const parts: string[] = [];
    let stack: string | undefined;
    for (const [key, value] of Object.entries(rec)) {
      if (OMIT.has(key) || value === undefined) continue;
      if (key === 'err' && value && typeof value === 'object') {
        const err = value as { message?: unknown; stack?: unknown };
        parts.push(`err=${short(err.message ?? value)}`);
        if (rec.level >= 50 && typeof err.stack === 'string') stack = err.stack;
        continue;
      }
      parts.push(`${key}=${short(value)}`);
    }
    const head = `${paint(opts.color, 90, clock(rec.time))} ${paint(opts.color, LEVEL_COLOR[level] ?? 0, level.padEnd(5))}`;
    const extra = parts.length ? ` ${paint(opts.color, 90, parts.join(' '))}` : '';
    const [first, ...more] = `${String(rec.msg ?? '')}${extra}`.split('\n');
    const lines = [`${label} ${bar} ${head} ${first}`, ...more.map((l) => `${label} ${bar}     ${l}`)];
    if (stack) lines.push(...stack.split('\n').map((l) => `${label} ${bar}     ${l}`));
    return lines.join('\n');
  };
}
