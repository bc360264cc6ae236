import { localTimeOf } from '@glucodiary/clinical';
import {
  ACCOUNT_EXPORT_FORMAT,
  ACCOUNT_EXPORT_VERSION,
  type AccountExport,
  type AccountExportReading,
  type AccountExportSession,
} from '@glucodiary/contracts';
import type { PrismaClient, User } from '@glucodiary/db';
import { Readable } from 'node:stream';
import { NotFoundError } from '../../core/errors';
import { deviceLabel } from '../auth/device-label';
import { readingPages, type PagedReading } from '../readings/reading-pages';
import { toDeviceEvent } from '../devices/devices.service';
import { toTreatment } from '../treatments/treatments.service';
import { toUserProfile } from './user-profile';

export interface AccountExportDownload {
  filename: string;
  body: Readable;
}

/** What a session row may show of itself: no refresh token (hashes) and nothing else secret. */
const SESSION_COLUMNS = { id: true, userAgent: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true } as const;

/**
 * Everything an account holds, as one JSON document: profile (not the password hash), every
 * sign-in (not its tokens), every treatment and every reading as stored. The readings stream last, a page of the
 * database at a time (see readingPages), so a diary of years is never held in memory, let alone twice.
 */
export class AccountExportService {
  constructor(private readonly db: PrismaClient) {}

  async export(userId: string, now = new Date()): Promise<AccountExportDownload> {
    const user = await this.db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError('This account no longer exists.');
    const sessions = await this.db.session.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: SESSION_COLUMNS });
    // A few treatments a day: years of them fit in memory, unlike the readings.
    const treatments = await this.db.treatment.findMany({ where: { userId }, orderBy: [{ takenAt: 'asc' }, { id: 'asc' }] });
    const deviceEvents = await this.db.deviceEvent.findMany({ where: { userId }, orderBy: [{ takenAt: 'asc' }, { id: 'asc' }] });
    const header: Omit<AccountExport, 'readings'> = {
      format: ACCOUNT_EXPORT_FORMAT,
      version: ACCOUNT_EXPORT_VERSION,
      exportedAt: now.toISOString(),
      profile: exportedProfile(user),
      sessions: sessions.map(exportedSession),
      treatments: treatments.map(toTreatment),
      deviceEvents: deviceEvents.map(toDeviceEvent),
    };
    return {
      filename: `glucodiary-account-${localTimeOf(now, user.timeZone).date}.json`,
      // A byte stream, not objects: a slow client holds back the next page instead of 16 pages being read ahead.
      body: Readable.from(jsonDocument(header, readingPages(this.db, { userId })), { objectMode: false }),
    };
  }
}

function exportedProfile(user: User): AccountExport['profile'] {
  return {
    ...toUserProfile(user),
    targetRangeMgdl: { low: user.targetLowMgdl, high: user.targetHighMgdl },
    updatedAt: user.updatedAt.toISOString(),
  };
}

function exportedSession(session: { id: string; userAgent: string | null; createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }): AccountExportSession {
  return {
    id: session.id,
    device: deviceLabel(session.userAgent),
    userAgent: session.userAgent,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    revokedAt: session.revokedAt?.toISOString() ?? null,
  };
}

function exportedReading(row: PagedReading): AccountExportReading {
  return {
    id: row.id,
    takenAt: row.takenAt.toISOString(),
    valueMgdl: row.valueMgdl,
    context: row.mealContext,
    note: row.note,
    kind: row.kind,
    source: row.source,
    beyondRange: row.beyondRange,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function* jsonDocument(header: Omit<AccountExport, 'readings'>, pages: AsyncIterable<PagedReading[]>): AsyncGenerator<string> {
  // Everything but the closing `]}` of the empty list: the readings stream in between, one chunk per page.
  yield JSON.stringify({ ...header, readings: [] }).slice(0, -2);
  let separator = '\n';
  for await (const page of pages) {
    yield separator + page.map((row) => JSON.stringify(exportedReading(row))).join(',\n');
    separator = ',\n';
  }
  yield '\n]}\n';
}
