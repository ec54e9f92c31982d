/**
 * npm run audit:verify — walk the audit hash chain of DATABASE_URL and report the first broken
 * link, then check the chain against the signed checkpoints of AUDIT_CHECKPOINT_FILE (see
 * services/platform/src/audit-checkpoint.ts): a removed newest entry or a rewritten-and-rechained
 * history is detected for every entry a checkpoint covers. The database's copy of the checkpoints
 * (audit.checkpoint, what the access log names) must equal the file's valid ones. Exit 1 on any
 * problem, 0 when intact.
 */
import {
  checkpointId,
  checkpointVerificationKey,
  loadAuditCheckpointConfig,
  readCheckpoints,
  verifyAgainstCheckpoints,
  verifyCheckpointCopy,
  verifyAuditChain,
} from '@mamis/platform';
import { runAuditCommand } from './audit-cli-database';

runAuditCommand(async (db) => {
  const config = loadAuditCheckpointConfig();
  const publicKey = checkpointVerificationKey(config);
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM audit.entry')) as { n: number }[];
  const broken = await verifyAuditChain(db);
  if (broken) {
    console.error(`audit chain BROKEN at entry ${broken.seq}: ${broken.problem}`);
    process.exit(1);
  }
  const lines = readCheckpoints(config.AUDIT_CHECKPOINT_FILE);
  const { checked, latest, problems } = await verifyAgainstCheckpoints(db, lines, publicKey);
  const copyProblems = await verifyCheckpointCopy(db, lines, publicKey);
  if (problems.length || copyProblems.length) {
    for (const p of problems)
      console.error(
        `audit chain does NOT match checkpoint ${config.AUDIT_CHECKPOINT_FILE}:${p.line}: ${p.problem}`,
      );
    for (const p of copyProblems) console.error(`audit checkpoints: ${p}`);
    process.exit(1);
  }
  console.log(`audit chain intact: ${n} entries verified.`);
  if (latest)
    console.log(
      `checkpoints: ${checked} verified; the newest (${checkpointId(latest)}, ${latest.at}) covers entries 1–${latest.size}` +
        (n > latest.size ? `; ${n - latest.size} newer entries are not covered yet.` : '.'),
    );
  else
    console.log(
      `checkpoints: none in ${config.AUDIT_CHECKPOINT_FILE} — truncation and rewrites cannot be detected (npm run audit:checkpoint).`,
    );
});
