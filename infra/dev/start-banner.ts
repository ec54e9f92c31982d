/**
 * What `npm start` prints once everything is ready: a sample curl for a demo person through the
 * gateway (the fixture physician when present, else any person), with the token hint when the
 * gateway checks tokens.
 */
import { existsSync } from 'node:fs';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const curl = (url: string, query: string, auth: string, variables?: Record<string, unknown>) =>
  `curl -s ${url} -H 'content-type: application/json'${auth} \\\n  --data ${shellQuote(JSON.stringify(variables ? { query, variables } : { query }))}`;

const PERSON_FIELDS =
  'familyName givenName registryNumber memberships { category association { name } } ' +
  'trainingAttendances { units session { title } } malpracticeInsurance { insuranceYear rider } termsAcceptances { version }';

/** The fixture physician who is a member up to the JMA (infra/seed/fixtures.ts, registry 900003). */
const DEMO_PERSON_ID = '00000000-0000-4000-8000-000000900003';

/** A demo person to show in the sample query: the fixture when present, else any person. */
async function demoPerson(adminUrl: string): Promise<{ id: string; name: string } | undefined> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ id: string; name: string }>(
      `SELECT id::text AS id, family_name || ' ' || given_name AS name FROM membership.person
        ORDER BY (id::text = $1) DESC, registry_number LIMIT 1`,
      [DEMO_PERSON_ID],
    );
    return rows[0];
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface SampleQueryOptions {
  adminUrl: string;
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** The identity service's base URL, when it runs. */
  identityUrl?: string;
  /** The demo accounts' credentials file (mentioned when it exists). */
  credentialsFile: string;
  /** Whether the gateway wants a token (identity runs or OIDC_ISSUER is set). */
  withToken: boolean;
}

/** A sample curl for a demo person across all four subgraphs, as lines. */
export async function sampleQuery(o: SampleQueryOptions): Promise<string[]> {
  const person = await demoPerson(o.adminUrl);
  const lines: string[] = [];
  if (o.identityUrl) {
    lines.push(`# an access token from identity (${o.identityUrl}/.well-known/openid-configuration)`);
    if (existsSync(o.credentialsFile)) lines.push(`# demo accounts and clients: ${o.credentialsFile}`);
  }
  const auth = o.withToken ? ` -H "authorization: Bearer $TOKEN"` : '';
  if (person) {
    lines.push(`# demo person ${person.name}:`);
    lines.push(
      ...curl(o.gatewayUrl, `query ($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`, auth, {
        id: person.id,
      }).split('\n'),
    );
  } else {
    lines.push(
      ...curl(o.gatewayUrl, `{ people(first: 3) { totalCount nodes { id ${PERSON_FIELDS} } } }`, auth).split(
        '\n',
      ),
    );
  }
  return lines;
}
