import type { Logger, Viewer } from '@mamis/platform';

export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** From the verified access token (ANONYMOUS without one). */
  viewer: Viewer;
}
