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
  // W6 runs (run.ts `buildWorkloads`) as soon as Query.statistics exists
  if (!hasStatistics(supergraph))
    out.push({
      id: 'W6',
      title: 'analytics aggregate vs the same SQL run directly',
      status: 'missing',
      targets: [],
      reason: 'no `statistics` root field yet (issue 10, analytics, is not built)',
    });
  return out;
}

export function hasStatistics(
  supergraph = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
): boolean {
  return /^\s*statistics\b/m.test(supergraph.slice(supergraph.indexOf('type Query')));
}
