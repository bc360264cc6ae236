/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of the built web app, at
 * the highest levels, once per build (copies newer than their source are kept): the server sends them as they are (@fastify/static's
 * `preCompressed`) instead of compressing 400 kB of JavaScript on every request.
 *
 *   tsx apps/web/tools/precompress.ts dist/apps/web/browser
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT_ASSET = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Below this, a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

async function* filesUnder(directory: string): AsyncGenerator<string> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** A start after an unchanged (or cached) build finds both copies newer than their source: no work. */
async function compressedCopiesAreNewer(path: string, sourceModifiedMs: number): Promise<boolean> {
  const copies = await Promise.all([`${path}.br`, `${path}.gz`].map((copy) => stat(copy).catch(() => null)));
  return copies.every((copy) => copy !== null && copy.mtimeMs >= sourceModifiedMs);
}

async function precompress(root: string): Promise<void> {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  let upToDate = 0;
  for await (const path of filesUnder(root)) {
    const source = await stat(path);
    if (!TEXT_ASSET.test(path) || source.size < MIN_BYTES) continue;
    if (await compressedCopiesAreNewer(path, source.mtimeMs)) {
      upToDate += 1;
      continue;
    }
    const content = await readFile(path);
    const brotli = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    await writeFile(`${path}.br`, brotli);
    await writeFile(`${path}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
    files += 1;
    bytes += content.length;
    brotliBytes += brotli.length;
  }
  const kB = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} kB`;
  if (files === 0) console.log(`Compressed copies of the ${upToDate} web assets are up to date: nothing to compress`);
  else console.log(`Precompressed ${files} web assets: ${kB(bytes)} → ${kB(brotliBytes)} with Brotli${upToDate > 0 ? ` (${upToDate} up to date)` : ''}`);
}

const root = process.argv[2];
if (!root) {
  console.error('usage: tsx apps/web/tools/precompress.ts <built web app directory>');
  process.exit(2);
}
precompress(root).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
