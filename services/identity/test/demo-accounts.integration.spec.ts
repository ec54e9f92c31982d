import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildJmaAndTokyo,
  buildMembership,
  buildPerson,
} from '../../../test/support/builders';
import { seedDemoAccounts, type DemoCredentials } from '../src/demo/demo-accounts';
import { generateSigningKey } from '../src/auth/keys';
import { startIdentity, type IdentityProcess } from './support/identity-process';
import { decodeJwt, signIn, tokenRequest } from './support/oauth-client';
import { demoToken } from '../../../infra/dev/token';

/** The demo data set: accounts and clients, credentials file format, and production refusing them. */
describe('identity: demo accounts', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let creds: DemoCredentials;
  let file: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const { jma, tokyo: pref } = await buildJmaAndTokyo(c);
    const muni = await buildAssociation(c, { code: 'M13101', name: '千代田区医師会', parent_id: pref.id });
    const persons = await Promise.all([buildPerson(c), buildPerson(c), buildPerson(c), buildPerson(c)]);
    await buildMembership(c, { person_id: persons[0]!.id, association_id: muni.id });
    for (const a of [muni, pref])
      await buildMembership(c, { person_id: persons[1]!.id, association_id: a.id });
    for (const a of [muni, pref, jma])
      await buildMembership(c, { person_id: persons[2]!.id, association_id: a.id });
    Object.assign(ids, { jma: jma.id, pref: pref.id, muni: muni.id, p0: persons[0]!.id, p2: persons[2]!.id });
    idp = await startIdentity(db.urlFor('identity'));
    file = path.join(mkdtempSync(path.join(tmpdir(), 'demo-')), 'demo-credentials.json');
    creds = await seedDemoAccounts({
      databaseUrl: db.urlFor('identity'),
      dataKey: idp.dataKey,
      credentialsPath: file,
      fixtures: {
        jma: { id: jma.id, code: 'JMA' },
        prefectural: { id: pref.id, code: 'P13', name: '東京都医師会' },
        // by code only: the id is looked up in membership.association
        municipal: { code: 'M13101' },
        physicians: {
          municipalOnly: { personId: persons[0]!.id },
          upToPrefectural: { personId: persons[1]!.id },
          upToNational: { personId: persons[2]!.id },
          nonMemberTrainee: { personId: persons[3]!.id },
        },
        society: { id: 'jsim', name: '日本内科学会' },
        frontendRedirectUris: ['http://127.0.0.1:5173/callback'],
      },
    });
  });

  afterAll(async () => {
    await idp?.stop();
    await db?.drop();
  });

  it('writes .data/demo-credentials.json in the documented shape (owner-only)', () => {
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
    expect(onDisk).toEqual(creds);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const a of onDisk.accounts) {
      expect(Object.keys(a).sort()).toEqual([
        'associationCode',
        'kind',
        'note',
        'password',
        'personId',
        'role',
        'totpSecret',
        'username',
      ]);
    }
    for (const cl of onDisk.clients)
      expect(Object.keys(cl).sort()).toEqual(['clientId', 'clientSecret', 'note', 'scopes']);
    const byName = Object.fromEntries(onDisk.accounts.map((a) => [a.username, a]));
    expect(byName['jma-admin']).toMatchObject({ kind: 'STAFF', role: 'ADMIN', associationCode: 'JMA' });
    expect(byName['jma-admin']!.totpSecret).toMatch(/^[A-Z2-7]+$/);
    expect(byName['pref-admin']).toMatchObject({ kind: 'STAFF', role: 'ADMIN', associationCode: 'P13' });
    expect(byName['muni-admin']).toMatchObject({ kind: 'STAFF', role: 'ADMIN', associationCode: 'M13101' });
    expect(byName['dr-municipal']).toMatchObject({ kind: 'PHYSICIAN', personId: ids.p0, totpSecret: null });
    expect(byName['asst-national']).toMatchObject({ kind: 'ASSISTANT', personId: ids.p2 });
    expect(onDisk.clients.map((c) => c.scopes)).toEqual([
      [],
      ['society:jsim'],
      ['analytics:aggregate'],
      [],
      [],
    ]);
  });

  it('the demo credentials work against the running service', async () => {
    const byName = Object.fromEntries(creds.accounts.map((a) => [a.username, a]));
    const base = { base: idp.url, clientId: 'mamis-web', redirectUri: 'http://127.0.0.1:5173/callback' };
    const admin = await signIn({
      ...base,
      username: 'muni-admin',
      password: byName['muni-admin']!.password,
      totpSecret: byName['muni-admin']!.totpSecret,
    });
    expect(decodeJwt(admin.access_token).payload).toMatchObject({
      kind: 'STAFF',
      association_id: ids.muni,
      association_tier: 'MUNICIPAL',
      role: 'ADMIN',
    });
    const asst = await signIn({
      ...base,
      username: 'asst-national',
      password: byName['asst-national']!.password,
      scope: 'openid training:write',
    });
    expect(decodeJwt(asst.access_token).payload).toMatchObject({
      kind: 'ASSISTANT',
      person_id: ids.p2,
      scope: 'training:write',
    });
    const [, society, analytics] = creds.clients;
    const s = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: society!.scopes[0]! },
      { id: society!.clientId, secret: society!.clientSecret! },
    );
    expect(s.status).toBe(200);
    const a = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'analytics:aggregate' },
      { id: analytics!.clientId, secret: analytics!.clientSecret! },
    );
    expect(a.status).toBe(200);
  });

  it('npm run token: signs a demo account in through PKCE (TOTP included) and prints its access token', async () => {
    const admin = await demoToken({ base: idp.url, credentials: creds, name: 'pref-admin' });
    expect(decodeJwt(admin).payload).toMatchObject({
      kind: 'STAFF',
      association_id: ids.pref,
      role: 'ADMIN',
    });
    const physician = await demoToken({ base: idp.url, credentials: creds, name: 'dr-municipal' });
    expect(decodeJwt(physician).payload).toMatchObject({ kind: 'PHYSICIAN', person_id: ids.p0 });
    const society = await demoToken({ base: idp.url, credentials: creds, name: 'society' });
    expect(decodeJwt(society).payload).toMatchObject({ scope: 'society:jsim' });
    await expect(demoToken({ base: idp.url, credentials: creds, name: 'nobody' })).rejects.toThrow(
      /no demo account or client "nobody"/,
    );
  });

  it('seeding again replaces the demo set (new passwords, same names)', async () => {
    const again = await seedDemoAccounts({
      databaseUrl: db.urlFor('identity'),
      dataKey: idp.dataKey,
      credentialsPath: null,
      fixtures: (await import('./support/demo-fixture-of')).fixtureOf(creds, ids),
    });
    expect(again.accounts.map((a) => a.username)).toEqual(creds.accounts.map((a) => a.username));
    expect(again.accounts[0]!.password).not.toBe(creds.accounts[0]!.password);
  });

  it('production refuses to start while demo accounts exist', async () => {
    await expect(
      startIdentity(db.urlFor('identity'), {
        NODE_ENV: 'production',
        IDENTITY_ISSUER: 'https://id.example.jp',
        REVOCATION_FEED_SECRET: randomBytes(32).toString('base64url'),
        METRICS_TOKEN: randomBytes(32).toString('base64url'),
        IDENTITY_JWKS: JSON.stringify({ keys: [generateSigningKey('prod-1')] }),
      }),
    ).rejects.toThrow(/demo account/);
  });

  it('production refuses development keys', async () => {
    await expect(
      startIdentity(db.urlFor('identity'), {
        NODE_ENV: 'production',
        IDENTITY_ISSUER: 'https://id.example.jp',
        REVOCATION_FEED_SECRET: randomBytes(32).toString('base64url'),
        METRICS_TOKEN: randomBytes(32).toString('base64url'),
        IDENTITY_JWKS: JSON.stringify({
          keys: [generateSigningKey(`dev-${randomBytes(3).toString('hex')}`)],
        }),
      }),
    ).rejects.toThrow(/development key/);
  });
});
