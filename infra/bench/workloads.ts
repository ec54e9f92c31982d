/**
 * Workloads the harness cannot run yet, and why (reported in the results rather than skipped
 * silently). Each is detected from the composed supergraph, so the report changes by itself when
 * the field lands — the hook to wire it is then in run.ts `buildWorkloads`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../dev/process-runner';
import type { WorkloadResult } from './report';

export function missingWorkloads(
  supergraph = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
): WorkloadResult[] {
  const out: WorkloadResult[] = [];
  const attendance = /\b(recordAttendance\w*)\s*\(/.exec(supergraph);
  out.push({
    id: 'W4',
    title: 'mutation: attendance recording',
    status: 'missing',
    targets: [],
    reason: attendance
      ? `Mutation.${attendance[1]} exists in the supergraph, but the benchmark has no workload for it yet (its answer check and the reset of the recorded rows are not written)`
      : 'no attendance-recording mutation in schema/training.graphql (recordAttendance) yet',
  });
  const statistics = /^\s*statistics\b/m.test(supergraph.slice(supergraph.indexOf('type Query')));
  out.push({
    id: 'W6',
    title: 'analytics aggregate vs the same SQL run directly',
    status: 'missing',
    targets: [],
    reason: statistics
      ? 'Query.statistics exists, but the benchmark has no workload for it yet (needs the aggregate query and its SQL twin)'
      : 'no `statistics` root field yet (issue 10, analytics, is not built)',
  });
  return out;
}
