/**
 * Workloads the harness cannot run yet, and why (reported in the results rather than skipped
 * silently). Each is detected from the composed supergraph, so the report changes by itself when
 * the field lands — the hook to wire it is then in build-workloads.ts `buildWorkloads`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../dev/process-runner';
import type { WorkloadResult } from './report';

export function missingWorkloads(
  supergraph = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
): WorkloadResult[] {
  const out: WorkloadResult[] = [];
  // W4 runs (build-workloads.ts `buildWorkloads`, attendance.ts) as soon as Mutation.recordAttendance exists
  if (!hasAttendanceRecording(supergraph))
    out.push({
      id: 'W4',
      title: 'mutation: attendance recording',
      status: 'missing',
      targets: [],
      reason: 'no attendance-recording mutation in schema/training.graphql (recordAttendance) yet',
    });
  // W6 runs (build-workloads.ts `buildWorkloads`) as soon as Query.statistics exists
  if (!hasStatistics(supergraph))
    out.push({
      id: 'W6',
      title: 'analytics aggregate vs the same SQL run directly',
      status: 'missing',
      targets: [],
      reason: 'no `statistics` root field in the supergraph',
    });
  return out;
}

export function hasStatistics(
  supergraph = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
): boolean {
  return /^\s*statistics\b/m.test(supergraph.slice(supergraph.indexOf('type Query')));
}

/** Mutation.recordAttendance (training subgraph): W4 records one attendance per request with it. */
export function hasAttendanceRecording(
  supergraph = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
): boolean {
  const at = supergraph.indexOf('type Mutation');
  return at >= 0 && /^\s*recordAttendance\s*\(/m.test(supergraph.slice(at));
}
