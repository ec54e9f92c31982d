/**
 * npm run audit:checkpoint — sign the head of the audit chain of DATABASE_URL (entry count and
 * hash of the newest entry) with AUDIT_CHECKPOINT_KEY and append it to AUDIT_CHECKPOINT_FILE
 * (default .data/audit-checkpoints.jsonl). Nothing is written when the chain has not grown; it
 * refuses (exit 1) when the chain no longer matches the last checkpoint. The checkpoint is then
 * copied into audit.checkpoint (what the access log names): DATABASE_URL must be the owner's (the
 * only role with INSERT there). `npm start` runs the same
 * every AUDIT_CHECKPOINT_INTERVAL_MS; in production schedule this command (see README).
 */
import {
  checkpointId,
  checkpointSigningKey,
  loadAuditCheckpointConfig,
  writeAuditCheckpoint,
} from '@mamis/platform';
import { runAuditCommand } from './audit-cli-database';

runAuditCommand(async (db) => {
  const config = loadAuditCheckpointConfig();
  const key = checkpointSigningKey(config);
  const c = await writeAuditCheckpoint(db, { key, file: config.AUDIT_CHECKPOINT_FILE });
  if (c)
    console.log(
      `checkpoint ${checkpointId(c)}: ${c.size} entries, head ${c.headHash} (${config.AUDIT_CHECKPOINT_FILE})`,
    );
  else console.log('no new entries since the last checkpoint: nothing written.');
});
