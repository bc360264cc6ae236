import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the SQLite file (and its folder) readable by this user alone: a diary is health data.
 * SQLite gives its journal and WAL files the database file's permissions. An existing file is
 * left as its owner set it.
 */
export function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}
