import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import {
  createAssertionSigner,
  parseAssertionPrivateKey,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type ServiceHandle,
  type Viewer,
} from '@mamis/platform';
import { createServer } from '../../src/server';
import { membershipEnv } from '../../src/config';
import type { TestDatabase } from '../../../../test/support/database';
import { postGraphQL, type GraphQLResponse } from '../../../../test/support/stack';
import { buildAssociation, type AssociationRow } from '../../../../test/support/builders';

export type TestViewer = Partial<Viewer> & { kind: Viewer['kind'] };

/** The membership subgraph alone (its real HTTP server, access shield and row security), called directly. */
export interface MembershipService {
  handle: ServiceHandle;
  as<T = Record<string, unknown>>(
    viewer: TestViewer,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startMembershipService(db: TestDatabase): Promise<MembershipService> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const secret = randomBytes(32).toString('base64url');
  const handle = await createServer(
    membershipEnv.parse({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.urlFor('membership'),
      DB_POOL_SIZE: '6',
      SUBGRAPH_SECRET: secret,
      GATEWAY_ASSERTION_PUBLIC_KEY: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }),
  );
  const { url } = await handle.listen(0, '127.0.0.1');
  const signer = createAssertionSigner({
    privateKey: parseAssertionPrivateKey(privateKeyPem),
    ttlSeconds: 60,
  });
  let n = 0;
  return {
    handle,
    async as(viewer, query, variables) {
      const v: Viewer = { scopes: [], sub: `test-${viewer.kind.toLowerCase()}-${++n}`, ...viewer } as Viewer;
      return postGraphQL(url, query, variables, {
        [SUBGRAPH_SECRET_HEADER]: secret,
        [VIEWER_ASSERTION_HEADER]: await signer.sign(v, 'membership'),
      });
    },
    close: () => handle.close(),
  };
}

/** A small tree: the JMA, two prefectures, two municipal associations in each. */
export interface Tree {
  jma: AssociationRow;
  tokyo: AssociationRow;
  kanagawa: AssociationRow;
  bunkyo: AssociationRow;
  chiyoda: AssociationRow;
  yokohama: AssociationRow;
  kawasaki: AssociationRow;
}

export async function buildTree(c: Client): Promise<Tree> {
  const jma = await buildAssociation(c, { tier: 'NATIONAL', name: '日本医師会', prefecture_code: null });
  const tokyo = await buildAssociation(c, { tier: 'PREFECTURAL', name: '東京都医師会', parent_id: jma.id });
  const kanagawa = await buildAssociation(c, {
    tier: 'PREFECTURAL',
    name: '神奈川県医師会',
    prefecture_code: 14,
    parent_id: jma.id,
  });
  const bunkyo = await buildAssociation(c, { name: '文京区医師会', parent_id: tokyo.id });
  const chiyoda = await buildAssociation(c, { name: '千代田区医師会', parent_id: tokyo.id });
  const yokohama = await buildAssociation(c, {
    name: '横浜市医師会',
    prefecture_code: 14,
    parent_id: kanagawa.id,
  });
  const kawasaki = await buildAssociation(c, {
    name: '川崎市医師会',
    prefecture_code: 14,
    parent_id: kanagawa.id,
  });
  return { jma, tokyo, kanagawa, bunkyo, chiyoda, yokohama, kawasaki };
}

/** A clerk (or another role) of an association. */
export const staffOf = (a: AssociationRow, role: Viewer['role'] = 'CLERK'): TestViewer => ({
  kind: 'STAFF',
  associationId: a.id,
  associationTier: a.tier,
  role,
  sub: `staff-${a.code}-${role}`,
});

export const physician = (personId: string): TestViewer => ({
  kind: 'PHYSICIAN',
  personId,
  sub: `physician-${personId}`,
});

/** The first error's code and field, or undefined. */
export const errorOf = (res: GraphQLResponse<unknown>) => {
  const e = res.body.errors?.[0];
  return e ? { code: e.extensions?.code, field: e.extensions?.field } : undefined;
};
