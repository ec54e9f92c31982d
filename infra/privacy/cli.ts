/**
 * The privacy-rights admin commands (APPI arts. 26, 33–35). They need the ADMIN database URL
 * (DATABASE_URL: the owner or a superuser): they read and change every service schema in one
 * transaction, which no service role may (see catalog.ts).
 *
 *   npm run privacy:export -- --request <id> [--out <dir>]
 *   npm run privacy:erase -- --request <id>
 *   npm run privacy:leak-report -- --from <date|date-time> --to <date|date-time> [--actor <sub>|--client <id>] [--out <dir>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { runDisclosureExport } from './disclosure-export';
import { runErasure } from './erase';
import { leakReport, renderLeakReportMarkdown } from './leak-report';

export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    out[k] = v;
  }
  return out;
}

/** Run one command (`argv`: the command and its options) against the admin URL; output through `print`. */
export async function runCli(
  argv: string[],
  url: string | undefined,
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  if (!url) throw new Error('DATABASE_URL is required (the admin URL: owner or superuser)');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const actor = args.by ? `admin:${args.by}` : undefined;
    if (command === 'export') {
      if (!args.request) throw new Error('--request <id> is required');
      const r = await runDisclosureExport(client, args.request, actor);
      if (args.out) {
        mkdirSync(args.out, { recursive: true });
        writeFileSync(
          path.join(args.out, `disclosure-${r.requestId}.json`),
          JSON.stringify(r.disclosure, null, 2),
        );
        writeFileSync(path.join(args.out, `disclosure-${r.requestId}.html`), r.html);
      }
      const n = Object.values(r.disclosure.records).reduce((s, rows) => s + rows.length, 0);
      print(
        `disclosure ${r.requestId}: ${n} records, ${r.disclosure.accessLog.length} access-log entries; stored (PrivacyRequest.export)${args.out ? ` and written to ${args.out}` : ''}.`,
      );
    } else if (command === 'erase') {
      if (!args.request) throw new Error('--request <id> is required');
      const r = await runErasure(client, args.request, actor);
      print(JSON.stringify(r, null, 2));
      print(
        `erasure ${r.requestId}: done; audit entries pseudonymised: ${r.auditEntriesPseudonymised}. Run npm run audit:verify.`,
      );
    } else if (command === 'leak-report') {
      if (!args.from || !args.to) throw new Error('--from and --to are required');
      if (args.actor && args.client) throw new Error('give --actor or --client, not both');
      const r = await leakReport(client, {
        from: args.from,
        to: args.to,
        actor: args.actor,
        client: args.client,
      });
      const md = renderLeakReportMarkdown(r);
      if (args.out) {
        mkdirSync(args.out, { recursive: true });
        writeFileSync(path.join(args.out, 'leak-report.json'), JSON.stringify(r, null, 2));
        writeFileSync(path.join(args.out, 'leak-report.md'), md);
        print(`leak report: ${r.personCount} persons; written to ${args.out}`);
      } else {
        print(md);
        print('```json');
        print(JSON.stringify(r, null, 2));
        print('```');
      }
    } else {
      throw new Error('usage: privacy cli <export|erase|leak-report> …');
    }
  } finally {
    await client.end();
  }
}

if (require.main === module)
  runCli(process.argv.slice(2), process.env.DATABASE_URL).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
