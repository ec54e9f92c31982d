import type { Logger, Viewer } from '@mamis/platform';

export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** From the verified access token (ANONYMOUS without one). */
  viewer: Viewer;
  /** Viewer assertions already signed for this request, by subgraph (reused while fresh). */
  assertions: Map<string, { token: Promise<string>; signedAt: number }>;
}
