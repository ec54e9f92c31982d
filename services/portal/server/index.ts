/**
 * The portal as a process (`npm start` runs it): build once per source content, then serve.
 * Environment: PORT (5173), HOST (127.0.0.1), PORTAL_GATEWAY_URL, PORTAL_OIDC_ISSUER,
 * PORTAL_OIDC_CLIENT_ID (mamis-portal).
 */
import { ensurePortalBuild } from './portal-build';
import { startPortal } from './portal-server';

const env = process.env;
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), name: 'portal', msg, ...extra })}\n`);

async function main() {
  const dist = ensurePortalBuild((line) => log(line));
  const portal = await startPortal(
    dist,
    {
      gatewayUrl: env.PORTAL_GATEWAY_URL || 'http://127.0.0.1:4000/graphql',
      issuer: env.PORTAL_OIDC_ISSUER || 'http://127.0.0.1:4010',
      clientId: env.PORTAL_OIDC_CLIENT_ID || 'mamis-portal',
    },
    Number(env.PORT || 5173),
    env.HOST || '127.0.0.1',
  );
  log('portal listening', { url: portal.url });
  const stop = () => void portal.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`portal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
