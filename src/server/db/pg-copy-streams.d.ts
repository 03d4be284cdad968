// The part of pg-copy-streams (no types of its own) that the bulk loads use.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  /** `COPY … FROM STDIN`: a stream to write the rows to, submitted with `client.query()`. */
  export function from(text: string): Writable & Submittable;
}
