import { IMPORT_UPLOAD_TTL_MS } from '@glucodiary/contracts';
import type { PrismaClient } from '@glucodiary/db';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { UploadGoneError } from '../../core/errors';
import { packFileReading, unpackFileReading, type FileReading } from './file-reading';

export interface KeptUpload {
  id: string;
  expiresAt: Date;
}

/**
 * Files uploaded for a preview, kept in the database (so any instance can commit them) for an
 * hour: gzip-compressed, with the readings the last preview read from them. A commit with the
 * same choices then stores those readings without the file being uploaded or read again.
 */
export class ImportUploads {
  constructor(private readonly db: PrismaClient) {}

  async keep(userId: string, fileName: string, content: readonly Buffer[], reading: FileReading, now = new Date()): Promise<KeptUpload> {
    // Expired uploads of anyone go first: the table never holds more than an hour of previews.
    await this.db.importUpload.deleteMany({ where: { expiresAt: { lt: now } } });
    const id = randomBytes(18).toString('base64url');
    const expiresAt = new Date(now.getTime() + IMPORT_UPLOAD_TTL_MS);
    await this.db.importUpload.create({
      data: {
        id,
        userId,
        fileName,
        content: bytes(await promisify(gzip)(Buffer.concat(content))),
        parsed: bytes(await packFileReading(reading)),
        parsedFor: reading.choices,
        expiresAt,
      },
    });
    return { id, expiresAt };
  }

  /** The upload's file name and expiry; UploadGoneError when it expired, was committed, or is someone else's. */
  async find(userId: string, id: string, now = new Date()) {
    const upload = await this.db.importUpload.findFirst({
      where: { id, userId, expiresAt: { gte: now } },
      select: { id: true, fileName: true, expiresAt: true, parsedFor: true },
    });
    if (!upload) throw new UploadGoneError();
    return upload;
  }

  /** The file itself, to read it with other choices. */
  async content(userId: string, id: string): Promise<Buffer[]> {
    const upload = await this.db.importUpload.findFirst({ where: { id, userId }, select: { content: true } });
    if (!upload) throw new UploadGoneError();
    return [await promisify(gunzip)(upload.content)];
  }

  /** The readings of the last preview, when it was read with these choices. */
  async readingFor(userId: string, id: string, choices: string): Promise<FileReading | null> {
    const upload = await this.db.importUpload.findFirst({ where: { id, userId, parsedFor: choices }, select: { parsed: true } });
    return upload?.parsed ? unpackFileReading(upload.parsed) : null;
  }

  async remember(userId: string, id: string, reading: FileReading): Promise<void> {
    await this.db.importUpload.updateMany({ where: { id, userId }, data: { parsed: bytes(await packFileReading(reading)), parsedFor: reading.choices } });
  }

  async discard(userId: string, id: string): Promise<boolean> {
    const { count } = await this.db.importUpload.deleteMany({ where: { id, userId } });
    return count > 0;
  }
}

/** Prisma's Bytes fields take a Uint8Array over a plain ArrayBuffer. */
const bytes = (buffer: Buffer) => new Uint8Array(buffer);
