/**
 * Preloaded (`node --import`) into every child of `npm start`. The runner holds the other end of
 * the child's stdin; when the runner disappears without stopping us (killed with SIGKILL, crashed),
 * the pipe reaches end-of-file and the child stops itself the normal way (SIGTERM → its own
 * graceful shutdown). The guard never keeps the event loop alive on its own.
 */
const stdin = process.stdin as NodeJS.ReadStream & { unref?: () => void };
if (!stdin.isTTY) {
  const orphaned = () => {
    process.kill(process.pid, 'SIGTERM');
  };
  stdin.once('end', orphaned);
  stdin.once('close', orphaned);
  stdin.on('error', orphaned);
  stdin.on('data', () => undefined);
  stdin.unref?.();
}

export {};
