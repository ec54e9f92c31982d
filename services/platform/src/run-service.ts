import { ConfigError } from './config';
import type { ServiceHandle } from './subgraph';
import { shutdownTracing } from './tracing';

/** `src/index.ts` of every service: create, listen, and stop cleanly on SIGINT/SIGTERM. */
export async function runService(
  name: string,
  create: () => Promise<Pick<ServiceHandle, 'listen' | 'close'>>,
) {
  let handle: Pick<ServiceHandle, 'listen' | 'close'>;
  try {
    handle = await create();
    await handle.listen();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[${name}] ${err.message}`);
    } else {
      console.error(`[${name}] failed to start:`, err instanceof Error ? err.message : err);
    }
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    handle
      .close()
      // the spans of the last requests are exported before the process ends
      .then(() => shutdownTracing())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(`[${name}] error while stopping on ${signal}:`, err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
