import type { Logger } from '@mamis/platform';

export interface GatewayContext {
  requestId: string;
  log: Logger;
}
