import { Client } from 'pg';
import type { EmbeddedChild } from '../../infra/db/embedded-child';

export default async function globalTeardown() {
  const state = (globalThis as Record<string, unknown>).__mamisTest as
    { embedded?: EmbeddedChild; serverUrl: string; template: string } | undefined;
  if (!state) return;
  // once, whichever tier's teardown comes first (both run after every test has finished)
  delete (globalThis as Record<string, unknown>).__mamisTest;
  if (state.embedded) {
    await state.embedded.stop();
    return;
  }
  const admin = new Client({ connectionString: state.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${state.template} WITH (FORCE)`);
  await admin.end();
}
