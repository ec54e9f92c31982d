import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { openLoginForm } from './support/oauth-client';
import { openTestbed, WEB_CLIENT as CLIENT, WEB_REDIRECT as REDIRECT, type Testbed } from './support/testbed';

const ADDRESS_THRESHOLD = 10;
const GLOBAL_MAX = 25;
const SPRAYED = 'Winter2026!spray';

/**
 * Password spraying: one password tried over many login names stays below every
 * name's own lock-out. Failures also count per client address and for the whole service; a lock
 * on either refuses the attempt with the same answer for known and unknown names.
 */
describe('identity: password spraying', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  const known = Array.from({ length: 20 }, (_, i) => `dr-spray-${i}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ idp, fx } = bed = await openTestbed(db, {
      env: {
        // the client address is the last X-Forwarded-For entry (a trusted proxy in front)
        IDENTITY_TRUST_PROXY: 'true',
        LOCKOUT_ADDRESS_THRESHOLD: String(ADDRESS_THRESHOLD),
        LOCKOUT_ADDRESS_BASE_SECONDS: '600',
        LOCKOUT_GLOBAL_MAX_FAILURES: String(GLOBAL_MAX),
        // one window for the whole test (windows are aligned on the clock)
        LOCKOUT_GLOBAL_WINDOW_SECONDS: '3600',
      },
    }));
    for (let i = 0; i < known.length; i++)
      await fx.account({
        username: known[i]!,
        kind: 'PHYSICIAN',
        personId: `2b0c7f10-3333-4333-8333-0000000000${String(i).padStart(2, '0')}`,
      });
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    await (await db.admin()).query('DELETE FROM identity.login_throttle');
  });

  /** A login form of a fresh authorization request: post attempts to it (from `address`). */
  async function loginForm() {
    const { browser, action } = await openLoginForm(idp.url, { clientId: CLIENT, redirectUri: REDIRECT });
    return (username: string, password: string, address: string) =>
      browser.request(action, {
        form: { username, password },
        // the client's own entry first, the proxy's (the one that counts) last
        headers: { 'x-forwarded-for': `10.9.9.9, ${address}` },
      });
  }

  /** 40 names, known and unknown alternating. */
  const names = () =>
    known.flatMap((name) => [name, `nobody-${randomBytes(4).toString('hex')}`]).slice(0, 40);

  it('locks a client address that sprays one password over 40 names, the same for known and unknown names', async () => {
    const attempt = await loginForm();
    const out: { name: string; status: number; retryAfter: string | null; text: string }[] = [];
    for (const name of names()) {
      const r = await attempt(name, SPRAYED, '198.51.100.7');
      out.push({ name, status: r.status, retryAfter: r.headers.get('retry-after'), text: r.text });
    }
    const statuses = out.map((r) => r.status);
    // each name failed once (far below its own lock-out): the address's count decides
    expect(statuses.slice(0, ADDRESS_THRESHOLD - 1)).toEqual(Array(ADDRESS_THRESHOLD - 1).fill(401));
    // the failure that reaches the limit is answered with the lock already
    expect(statuses.slice(ADDRESS_THRESHOLD - 1)).toEqual(Array(41 - ADDRESS_THRESHOLD).fill(429));
    for (const r of out.slice(ADDRESS_THRESHOLD - 1)) expect(Number(r.retryAfter)).toBeGreaterThan(500);
    // no enumeration: known and unknown names get the same page while locked (same status,
    // same message, the name echoed back aside)
    const page = (r: (typeof out)[number]) =>
      r.text
        .replaceAll(r.name, 'NAME')
        .replace(/\/interaction\/[^"/]+/g, '/interaction/UID')
        .replace(/\d+/g, 'N');
    const lockedKnown = out.slice(ADDRESS_THRESHOLD).filter((r) => r.name.startsWith('dr-spray-'));
    const lockedUnknown = out.slice(ADDRESS_THRESHOLD).filter((r) => r.name.startsWith('nobody-'));
    expect(new Set([...lockedKnown, ...lockedUnknown].map(page)).size).toBe(1);
    expect(lockedKnown[0]!.text).toContain('一時的にロックされています');
    expect(lockedKnown[0]!.text).toContain('Too many failed attempts');

    // locked means locked: the right password of a known name is refused from that address too
    const right = await attempt(known[19]!, 'correct horse battery staple', '198.51.100.7');
    expect(right.status).toBe(429);
    // another address is not affected
    const other = await (await loginForm())(known[19]!, SPRAYED, '203.0.113.20');
    expect(other.status).toBe(401);
  });

  it('refuses every password attempt once the failures of all addresses together pass the global limit', async () => {
    const statuses: number[] = [];
    const attempt = await loginForm();
    const all = names();
    // one attempt per address: no address ever reaches its own limit
    for (let i = 0; i < all.length; i++) {
      const r = await attempt(all[i]!, SPRAYED, `192.0.2.${i + 1}`);
      statuses.push(r.status);
    }
    expect(statuses.slice(0, GLOBAL_MAX)).toEqual(Array(GLOBAL_MAX).fill(401));
    expect(statuses.slice(GLOBAL_MAX)).toEqual(Array(40 - GLOBAL_MAX).fill(429));
  });
});
