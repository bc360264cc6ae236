/**
 * Counts every SQL statement this process sends, at the drivers Prisma's adapters use
 * (better-sqlite3's `prepare` and `exec`, node-postgres' `Client#query`), transaction control
 * included, and writes the count to `<countDir>/statements-<pid>` for the benchmark to read.
 * Benchmark-only: installed before the app opens its database.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function countStatements(countDir: string): void {
  let statements = 0;
  const count = <F extends (...args: never[]) => unknown>(target: { prototype: Record<string, unknown> }, name: string) => {
    const original = target.prototype[name] as F;
    target.prototype[name] = function (this: unknown, ...args: Parameters<F>) {
      statements += 1;
      return original.apply(this, args);
    };
  };
  // Resolved from the adapters, so the very modules they load are the ones counted.
  const sqlite = createRequire(require.resolve('@prisma/adapter-better-sqlite3'))('better-sqlite3') as { prototype: Record<string, unknown> };
  count(sqlite, 'prepare');
  count(sqlite, 'exec');
  const pg = createRequire(require.resolve('@prisma/adapter-pg'))('pg') as { Client: { prototype: Record<string, unknown> } };
  count(pg.Client, 'query');
  setInterval(() => writeFileSync(join(countDir, `statements-${process.pid}`), String(statements)), 200).unref();
}
