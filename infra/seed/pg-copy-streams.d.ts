/** Minimal typings for pg-copy-streams 7 (the package ships none), as used by the seed loader. */
declare module 'pg-copy-streams' {
  import type { Submittable } from 'pg';
  import type { Writable } from 'node:stream';

  /** `COPY … FROM STDIN`: write the data, then end(); 'finish' fires once the server completed it. */
  export interface CopyStreamQuery extends Writable, Submittable {
    rowCount: number;
  }

  export function from(sql: string): CopyStreamQuery;
}
