import type { Pool } from 'pg';
import type { Variant } from './load';
import type { TargetName } from './report';

/** One workload: how to build its requests for a target, and its floor. */
export interface WorkloadSpec {
  id: string;
  title: string;
  /** Known-good answers (canonical), one per variant. */
  expected: string[];
  /** Request variants for an HTTP target (fresh headers each call: assertions live 60 s). */
  variants(target: TargetName, url: string): Promise<Variant[]>;
  floor?: (pool: Pool, i: number) => Promise<unknown>;
  /** Target `sql-rls`: the workload's SQL as the service role with the viewer's row security (W6). */
  sqlRls?: (i: number) => Promise<unknown>;
  /**
   * Also measure the answer time of one request at a time (closed loop, 1 connection) per target:
   * for heavy, infrequent queries (analytics, W6), whose fixed-rate latency is mostly queueing
   * behind each other's parallel SQL on two cores.
   */
  sequential?: boolean;
  /**
   * Connections of the closed loop (default: the settings' 8). W6 uses 1: concurrent 1–3 s
   * aggregates queue past the gateway's 5 s subgraph timeout, which measures the timeout, not us.
   */
  closedConnections?: number;
  targets: TargetName[];
  /** Not run, reported with the reason (W6: an aggregate the disclosure control refuses at this scale). */
  notRun?: { status: 'missing' | 'not-measurable'; reason: string };
}
