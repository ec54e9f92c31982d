import type { DemoCredentials, DemoFixtures } from '../../src/demo/demo-accounts';

/** Rebuild fixtures from an earlier seeding (for re-seeding in tests). */
export function fixtureOf(creds: DemoCredentials, ids: Record<string, string>): DemoFixtures {
  const person = (u: string) => ({ personId: creds.accounts.find((a) => a.username === u)!.personId! });
  return {
    jma: { id: ids.jma!, code: 'JMA' },
    prefectural: { id: ids.pref!, code: 'P13' },
    municipal: { id: ids.muni!, code: 'M13101' },
    physicians: {
      municipalOnly: person('dr-municipal'),
      upToPrefectural: person('dr-prefectural'),
      upToNational: person('dr-national'),
      nonMemberTrainee: person('dr-trainee'),
    },
    society: { id: 'jsim' },
    frontendRedirectUris: ['http://127.0.0.1:5173/callback'],
  };
}
