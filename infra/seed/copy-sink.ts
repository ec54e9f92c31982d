/**
 * One `COPY <table> (<columns>) FROM STDIN` on one connection, fed line by line. Lines are batched
 * into large writes; `write` returns a promise only when the stream wants the producer to wait
 * (backpressure), so a synchronous generator loop pays nothing per line otherwise.
 */
import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';

const BATCH_CHARS = 1 << 17;

export class CopySink {
  private buffer = '';
  private readonly done: Promise<void>;
  private failure: Error | undefined;
  rows = 0;

  private constructor(private readonly stream: CopyStreamQuery) {
    this.done = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', (err: Error) => {
        this.failure = err;
        reject(err);
      });
    });
    // Failures surface through end(); keep them from being reported as unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  /** Start the COPY on `client` (which must not be running anything else). */
  static open(client: Client, tableSql: string, columns: readonly string[]): CopySink {
    const sql = `COPY ${tableSql} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
    return new CopySink(client.query(copyFrom(sql)));
  }

  /** Queue one encoded line (ending in a newline). Await the result when it is a promise. */
  write(line: string): Promise<void> | undefined {
    this.rows++;
    this.buffer += line;
    return this.buffer.length >= BATCH_CHARS ? this.flush() : undefined;
  }

  private flush(): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk)) return undefined;
    return Promise.race([once(this.stream, 'drain').then(() => undefined), this.done]);
  }

  /** Send the rest and wait until the server has completed the COPY. */
  async end(): Promise<number> {
    if (this.buffer.length > 0) await this.flush();
    this.stream.end();
    await this.done;
    return this.rows;
  }

  /** Abort the COPY (the server rolls the statement back). */
  abort(reason: Error): void {
    if (!this.stream.destroyed) this.stream.destroy(reason);
  }
}

/** COPY every line of `lines` into one table. */
export async function copyAll(
  client: Client,
  tableSql: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const sink = CopySink.open(client, tableSql, columns);
  try {
    for (const l of lines) {
      const wait = sink.write(l);
      if (wait) await wait;
    }
    return await sink.end();
  } catch (err) {
    sink.abort(err as Error);
    throw err;
  }
}
