import { seedDemoAccounts } from '@mamis/identity/src/demo/demo-accounts';
import {
  DEMO_MUNICIPAL_CODE,
  DEMO_PERSON_IDS,
  DEMO_PREFECTURAL_CODE,
  DEMO_SOCIETY_ID,
  NATIONAL_CODE,
} from '../seed/fixtures';

/**
 * The identity service's demo accounts and clients for the demo data set: a JMA
 * administrator, staff of one prefectural and one municipal association, physicians with
 * different membership patterns, an assistant, a society client and an analytics client.
 * Credentials go to `<data dir>/demo-credentials.json`.
 */
export async function seedIdentityDemo(
  adminUrl: string,
  dataDir: string,
  gatewayPort = 4000,
): Promise<number> {
  const creds = await seedDemoAccounts({
    databaseUrl: adminUrl,
    credentialsPath: `${dataDir}/demo-credentials.json`,
    fixtures: {
      jma: { code: NATIONAL_CODE },
      prefectural: { code: DEMO_PREFECTURAL_CODE },
      municipal: { code: DEMO_MUNICIPAL_CODE },
      physicians: {
        municipalOnly: { personId: DEMO_PERSON_IDS.municipalOnly },
        upToPrefectural: { personId: DEMO_PERSON_IDS.upToPrefectural },
        upToNational: { personId: DEMO_PERSON_IDS.upToNational },
        nonMemberTrainee: { personId: DEMO_PERSON_IDS.trainingOnlyNonMember },
      },
      society: { id: DEMO_SOCIETY_ID, name: '日本内科学会 (demo)' },
      // the gateway's API explorer (GET /) receives the authorization code
      explorerRedirectUris: [`http://127.0.0.1:${gatewayPort}/`, `http://localhost:${gatewayPort}/`],
    },
  });
  return creds.accounts.length + creds.clients.length;
}
