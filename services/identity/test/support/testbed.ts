import type { NewClientInput } from '../../src/auth/client.service';
import type { TestDatabase } from '../../../../test/support/database';
import type { Stack } from '../../../../test/support/stack';
import { IdentityFixtures } from './identity-fixtures';
import { startIdentity, type IdentityProcess } from './identity-process';
import { signIn, type LoginInput } from './oauth-client';

/** The public web client every flow test signs in through. */
export const WEB_CLIENT = 'web-test';
export const WEB_REDIRECT = 'http://127.0.0.1:9/callback';

/**
 * The identity service's settings for working with a test stack (`startStack`): the stack's
 * consent subgraph (terms of use), its viewer-assertion key and its revocation feed secret.
 */
export const stackEnv = (stack: Stack): Record<string, string> => ({
  CONSENT_URL: stack.subgraphUrls.consent!,
  CONSENT_SUBGRAPH_SECRET: stack.trust.secrets.consent!,
  IDENTITY_ASSERTION_PRIVATE_KEY: stack.trust.privateKeyPem,
  REVOCATION_FEED_SECRET: stack.trust.revocationFeedSecret,
});

/** Sign in at `base` through the web client's forms (`WEB_CLIENT` → `WEB_REDIRECT`): the tokens. */
export const signInWeb = (base: string, login: Omit<LoginInput, 'base' | 'clientId' | 'redirectUri'>) =>
  signIn({ base, clientId: WEB_CLIENT, redirectUri: WEB_REDIRECT, ...login });

export interface Testbed {
  idp: IdentityProcess;
  fx: IdentityFixtures;
  /** Stop the service and close the fixtures (the test drops its database itself). */
  close(): Promise<void>;
}

/**
 * The running identity service on a test database, its fixtures, and the public web client
 * (`WEB_CLIENT` → `WEB_REDIRECT`) registered.
 */
export async function openTestbed(
  db: TestDatabase,
  opts: { env?: Record<string, string>; client?: Partial<NewClientInput> } = {},
): Promise<Testbed> {
  const idp = await startIdentity(db.urlFor('identity'), opts.env);
  const fx = await IdentityFixtures.open(db, idp.dataKey);
  await fx.clients.register({
    clientId: WEB_CLIENT,
    name: 'Web (test)',
    kind: 'PUBLIC',
    redirectUris: [WEB_REDIRECT],
    ...opts.client,
  });
  return {
    idp,
    fx,
    async close() {
      await fx.close();
      await idp.stop();
    },
  };
}
