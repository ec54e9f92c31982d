/**
 * A minimal RFC 5545 reader for tests: checks CRLF line endings and the 75-octet limit, unfolds
 * continuation lines, splits name;params:value and unescapes TEXT.
 */
export interface ICalProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface ICalComponent {
  type: string;
  props: ICalProperty[];
  children: ICalComponent[];
}

export function unfold(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('the calendar does not end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const [i, line] of physical.entries()) {
    if (line.includes('\n') || line.includes('\r')) throw new Error(`bare LF/CR on line ${i + 1}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line ${i + 1} is longer than 75 octets`);
  }
  const out: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (out.length === 0) throw new Error('continuation line first');
      out[out.length - 1] += line.slice(1);
    } else out.push(line);
  }
  return out;
}

export const unescapeText = (v: string) =>
  v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

export function parseLine(line: string): ICalProperty {
  // the value starts after the first ':' that is not inside a quoted parameter value
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`no ':' in ${line}`);
  const [name, ...paramParts] = line.slice(0, colon).split(';');
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    const [k, v] = p.split('=');
    params[k!.toUpperCase()] = v ?? '';
  }
  return { name: name!.toUpperCase(), params, value: line.slice(colon + 1) };
}

export function parseCalendar(text: string): ICalComponent {
  const stack: ICalComponent[] = [];
  let root: ICalComponent | undefined;
  for (const line of unfold(text)) {
    const prop = parseLine(line);
    if (prop.name === 'BEGIN') {
      const c: ICalComponent = { type: prop.value, props: [], children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else root = c;
      stack.push(c);
    } else if (prop.name === 'END') {
      const c = stack.pop();
      if (!c || c.type !== prop.value) throw new Error(`END:${prop.value} does not close ${c?.type}`);
    } else {
      if (!stack.length) throw new Error(`property outside a component: ${line}`);
      stack[stack.length - 1]!.props.push(prop);
    }
  }
  if (stack.length || !root) throw new Error('unbalanced BEGIN/END');
  return root;
}

export const prop = (c: ICalComponent, name: string) => c.props.find((p) => p.name === name);
