/**
 * Summarise V8 CPU profiles (`--cpu-prof`, written by `run.ts --cpu-prof` into .data/bench/prof):
 * self time per function and per package, top N.
 *
 *   node --import tsx infra/bench/profile-summary.ts <file.cpuprofile>… [--top 25] [--all]
 *
 * By default only the serving phase counts (from the first GraphQL request on, module loading
 * left out); `--all` counts the whole process life.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package (or repository folder) a script URL belongs to. */
export function packageOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node (core)';
  const repo = /\/(services\/[^/]+|gateway|infra\/[^/]+)\//.exec(url);
  return repo ? repo[1]! : url;
}

/**
 * The samples of the serving phase: from the first sample inside a GraphQL request
 * (`processGraphQLRequest`, Apollo Server) on, without module loading (tsx / esbuild compiling a
 * file imported late). A process's start-up (compiling TypeScript, migrations) would otherwise
 * dominate a short benchmark's profile.
 */
function servingSamples(profile: Profile, byId: Map<number, ProfileNode>): boolean[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const kind = new Map<number, { request: boolean; loading: boolean }>();
  const classify = (id: number): { request: boolean; loading: boolean } => {
    const known = kind.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    const up = parent.has(id) ? classify(parent.get(id)!) : { request: false, loading: false };
    const pkg = packageOf(n.callFrame.url);
    const k = {
      request: up.request || n.callFrame.functionName === 'processGraphQLRequest',
      loading:
        up.loading ||
        pkg === 'tsx' ||
        pkg === 'esbuild' ||
        n.callFrame.functionName === 'compileSourceTextModule',
    };
    kind.set(id, k);
    return k;
  };
  const first = profile.samples.findIndex((id) => classify(id).request);
  return profile.samples.map((id, i) => first >= 0 && i >= first && !classify(id).loading);
}

export function summarise(profile: Profile, top = 25, servingOnly = true) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const keep = servingOnly ? servingSamples(profile, byId) : profile.samples.map(() => true);
  profile.samples.forEach((id, i) => {
    if (keep[i]) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    total += us;
    const where = `${name} ${packageOf(n.callFrame.url)}`;
    fn.set(where, (fn.get(where) ?? 0) + us);
    const p = name === '(garbage collector)' ? '(garbage collector)' : packageOf(n.callFrame.url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({
        what: k,
        ms: Math.round(us / 1000),
        share: Math.round((us / total) * 1000) / 10,
      }));
  return { busyMs: Math.round(total / 1000), functions: rank(fn), packages: rank(pkg) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--top');
  const top = i >= 0 ? Number(args[i + 1]) : 25;
  const servingOnly = !args.includes('--all');
  const files = args.filter((a, j) => !a.startsWith('--') && (i < 0 || j !== i + 1));
  for (const file of files) {
    const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top, servingOnly);
    console.log(`\n${file}: ${s.busyMs} ms busy (idle excluded${servingOnly ? ', serving phase only' : ''})`);
    console.log('  by package:');
    for (const p of s.packages) console.log(`    ${String(p.share).padStart(5)}%  ${p.what}`);
    console.log('  by function (self time):');
    for (const f of s.functions) console.log(`    ${String(f.share).padStart(5)}%  ${f.what}`);
  }
}
