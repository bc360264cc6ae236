import type { ImportList, ImportPreview, ImportRecord, ImportResult, ReadingPage, TreatmentPage } from '@glucodiary/contracts';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';
import { ReadingsImportService } from './readings-import.service';
import { multipart } from './testing/multipart';
import { fixture, localeFixture } from './testing/parse-sample';

/** A Clarity export of `count` five-minute readings from `start`. */
function clarityExport(count: number, start = Date.UTC(2026, 9, 1)): string {
  const rows = ['Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mg/dL)'];
  for (let i = 0; i < count; i++) rows.push(`${i + 1},${new Date(start + i * 300_000).toISOString().slice(0, 19)},EGV,,,,G7,${80 + (i % 150)}`);
  return rows.join('\n') + '\n';
}

describe('imports read once, listed, and undone', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function preview(headers: Record<string, string>, file: string | Buffer, filename?: string) {
    const body = await multipart(file, {}, filename);
    return app().inject({ method: 'POST', url: '/api/readings/import', headers: { ...headers, ...body.headers }, payload: body.payload });
  }
  const commit = (headers: Record<string, string>, uploadId: string, payload: object = {}) =>
    app().inject({ method: 'POST', url: `/api/readings/import/${uploadId}/commit`, headers, payload });
  const readingCount = async (headers: Record<string, string>) =>
    (await app().inject({ method: 'GET', url: '/api/readings?limit=200', headers })).json<ReadingPage>().items.length;

  it('commits a previewed upload by its id without the file, and the upload is gone after', async () => {
    const { headers } = await signedInUser(app());
    const previewed = await preview(headers, fixture('libreview-mgdl.csv'), 'LibreView Jane.csv');
    expect(previewed.statusCode).toBe(200);
    const { uploadId, uploadExpiresAt } = previewed.json<ImportPreview>();
    expect(uploadId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Date(uploadExpiresAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);

    // Another account cannot use the id.
    const mallory = await signedInUser(app());
    expect((await commit(mallory.headers, uploadId)).json()).toMatchObject({ code: 'UPLOAD_GONE' });

    const committed = await commit(headers, uploadId);
    expect(committed.statusCode).toBe(200);
    expect(committed.json<ImportResult>()).toMatchObject({ mode: 'commit', format: 'libreview', imported: 8, rejectedCount: 2 });
    expect(await readingCount(headers)).toBe(8);
    expect((await commit(headers, uploadId)).statusCode).toBe(404);
    expect(await readingCount(headers)).toBe(8);

    const list = await app().inject({ method: 'GET', url: '/api/imports', headers });
    expect(list.json<ImportList>().items).toEqual([
      expect.objectContaining({ id: committed.json<ImportResult>().importId, fileName: 'LibreView Jane.csv', format: 'libreview', imported: 8, readings: 8, removedAt: null }),
    ]);
    expect((await app().inject({ method: 'GET', url: '/api/imports', headers: mallory.headers })).json<ImportList>().items).toEqual([]);
  });

  it('answers the date-order question by id (no second upload) and commits with the choice, reading the kept file again', async () => {
    const { headers } = await signedInUser(app());
    const asked = (await preview(headers, fixture('libreview-mmol-comma.csv'))).json<ImportPreview>();
    expect(asked.dateOrder.needsChoice).toEqual(['DMY', 'MDY']);
    expect((await commit(headers, asked.uploadId)).json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'dateOrder' }] });

    const answered = await app().inject({ method: 'POST', url: `/api/readings/import/${asked.uploadId}/preview`, headers, payload: { dateOrder: 'DMY' } });
    expect(answered.json<ImportPreview>()).toMatchObject({ uploadId: asked.uploadId, dateOrder: { used: 'DMY', decidedBy: 'choice' } });
    const accepted = answered.json<ImportPreview>().accepted;
    expect(accepted).toBeGreaterThan(0);

    // Committed with the other order than the last preview's: the kept file is read again, with that order.
    const committed = await commit(headers, asked.uploadId, { dateOrder: 'MDY' });
    expect(committed.json<ImportResult>()).toMatchObject({ dateOrder: { used: 'MDY' } });
  });

  it('removes an import (its readings only) and undoes the removal, readings back as they were; not twice', async () => {
    const { headers } = await signedInUser(app());
    const typed = await app().inject({
      method: 'POST',
      url: '/api/readings',
      headers,
      payload: { takenAt: '2026-11-02T09:00:00Z', value: 140, unit: 'mg/dL', context: 'after_meal' },
    });
    expect(typed.statusCode).toBe(201);
    const uploadId = (await preview(headers, fixture('libreview-mgdl.csv'))).json<ImportPreview>().uploadId;
    const { importId } = (await commit(headers, uploadId)).json<ImportResult>();
    const page = (await app().inject({ method: 'GET', url: '/api/readings?limit=200', headers })).json<ReadingPage>();
    const imported = page.items.filter((reading) => reading.importId === importId);
    expect(imported).toHaveLength(8);
    // An edit made after the import comes back with the readings.
    await app().inject({ method: 'PATCH', url: `/api/readings/${imported[0]?.id}`, headers, payload: { note: 'checked' } });

    const removed = await app().inject({ method: 'DELETE', url: `/api/imports/${importId}`, headers });
    expect(removed.statusCode).toBe(200);
    expect(removed.json<ImportRecord>()).toMatchObject({ readings: 0, removedAt: expect.any(String), restorableUntil: expect.any(String) });
    const left = (await app().inject({ method: 'GET', url: '/api/readings?limit=200', headers })).json<ReadingPage>().items;
    expect(left.map((reading) => reading.id)).toEqual([typed.json<{ id: string }>().id]);

    const restored = await app().inject({ method: 'POST', url: `/api/imports/${importId}/restore`, headers });
    expect(restored.json<ImportRecord>()).toMatchObject({ readings: 8, removedAt: null, restorableUntil: null });
    const back = (await app().inject({ method: 'GET', url: '/api/readings?limit=200', headers })).json<ReadingPage>().items;
    expect(back.filter((reading) => reading.importId === importId).map((reading) => [reading.id, reading.takenAt, reading.valueMgdl])).toEqual(
      imported.map((reading) => [reading.id, reading.takenAt, reading.valueMgdl]),
    );
    expect(back.find((reading) => reading.id === imported[0]?.id)?.note).toBe('checked');
    expect((await app().inject({ method: 'POST', url: `/api/imports/${importId}/restore`, headers })).statusCode).toBe(404);
    // Someone else's import is not found.
    const other = await signedInUser(app());
    expect((await app().inject({ method: 'DELETE', url: `/api/imports/${importId}`, headers: other.headers })).statusCode).toBe(404);
  });

  it('restores a removal without doubling readings the same file brought back meanwhile', async () => {
    const { headers } = await signedInUser(app());
    const first = (await commit(headers, (await preview(headers, fixture('dexcom-clarity.csv'))).json<ImportPreview>().uploadId)).json<ImportResult>();
    await app().inject({ method: 'DELETE', url: `/api/imports/${first.importId}`, headers });
    const second = (await commit(headers, (await preview(headers, fixture('dexcom-clarity.csv'))).json<ImportPreview>().uploadId)).json<ImportResult>();
    expect(second.imported).toBe(8);
    const restored = await app().inject({ method: 'POST', url: `/api/imports/${first.importId}/restore`, headers });
    expect(restored.json<ImportRecord>()).toMatchObject({ readings: 0, removedAt: null });
    expect(await readingCount(headers)).toBe(8);
  });

  it("brings a file's insulin, carbs, ketones and notes along as treatments: once, removed and restored with its import", async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/London' } });
    const previewed = (await preview(headers, localeFixture('libreview-uk-mmol.csv'))).json<ImportPreview>();
    expect(previewed.treatments).toEqual({ byType: { insulin: 2, carbs: 1, activity: 0, note: 1, ketones: 1 }, accepted: 5, duplicates: 0, imported: 0 });
    const committed = (await commit(headers, previewed.uploadId)).json<ImportResult>();
    expect(committed.treatments).toMatchObject({ accepted: 5, imported: 5 });
    const treatments = async () => (await app().inject({ method: 'GET', url: '/api/treatments?limit=200', headers })).json<TreatmentPage>().items;
    const stored = await treatments();
    expect(stored.map((t) => [t.type, t.units ?? t.grams ?? t.value ?? t.note, t.insulinKind, t.source, t.importId])).toEqual([
      ['ketones', 0.4, null, 'import', committed.importId],
      ['insulin', 14, 'long', 'import', committed.importId],
      ['note', 'walked to work', null, 'import', committed.importId],
      ['carbs', 45, null, 'import', committed.importId],
      ['insulin', 6, 'rapid', 'import', committed.importId],
    ]);
    expect(stored.find((t) => t.insulinKind === 'rapid')?.takenAt).toBe('2025-09-02T06:30:00.000Z');

    // The same file again adds no treatment twice.
    const again = (await commit(headers, (await preview(headers, localeFixture('libreview-uk-mmol.csv'))).json<ImportPreview>().uploadId)).json<ImportResult>();
    expect(again.treatments).toMatchObject({ duplicates: 5, imported: 0 });
    expect(await treatments()).toHaveLength(5);

    await app().inject({ method: 'DELETE', url: `/api/imports/${committed.importId}`, headers });
    expect(await treatments()).toEqual([]);
    await app().inject({ method: 'POST', url: `/api/imports/${committed.importId}/restore`, headers });
    expect((await treatments()).map((t) => t.id).sort()).toEqual(stored.map((t) => t.id).sort());
  });

  it("keeps two identical doses of a minute as two, finds one typed in by hand, and converts servings at the user's grams", async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { gramsPerServing: 12 } });
    // Typed in the quick log at 12:00:40: the file's 12:00 dose of the same amount and kind is that one.
    await app().inject({ method: 'POST', url: '/api/treatments', headers, payload: { takenAt: '2026-11-10T12:00:40Z', type: 'insulin', units: 4, insulinKind: 'rapid' } });
    const row = (stamp: string, type: string, cells: Record<number, string>) => {
      const fields = Array<string>(19).fill('');
      Object.assign(fields, { 0: 'FreeStyle Libre 2', 1: 'abc', 2: stamp, 3: type }, cells);
      return fields.join(',');
    };
    const file = [
      'Glucose Data,Generated on,11-20-2026 08:00 UTC,Generated by,Jane Smith',
      'Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,Scan Glucose mg/dL,Non-numeric Rapid-Acting Insulin,Rapid-Acting Insulin (units),Non-numeric Food,Carbohydrates (grams),Carbohydrates (servings),Non-numeric Long-Acting Insulin,Long-Acting Insulin (units),Notes,Strip Glucose mg/dL,Ketone mmol/L,Meal Insulin (units),Correction Insulin (units),User Change Insulin (units)',
      row('11-10-2026 12:00', '4', { 7: '4' }),
      row('11-10-2026 12:00', '5', { 10: '2' }),
      row('11-10-2026 12:00', '5', { 10: '2' }),
      row('11-13-2026 18:00', '0', { 4: '140' }),
    ].join('\n');
    const previewed = (await preview(headers, file)).json<ImportPreview>();
    expect(previewed.treatments).toMatchObject({ accepted: 3, duplicates: 1 });
    const committed = (await commit(headers, previewed.uploadId)).json<ImportResult>();
    expect(committed.treatments).toMatchObject({ imported: 2 });
    const stored = (await app().inject({ method: 'GET', url: '/api/treatments', headers })).json<TreatmentPage>().items;
    expect(stored.map((t) => [t.type, t.units ?? t.grams, t.source])).toEqual([
      ['insulin', 4, 'typed'],
      ['carbs', 24, 'import'],
      ['carbs', 24, 'import'],
    ]);
    // Again: both servings rows are found by their fingerprints, the dose by the typed one.
    const again = (await preview(headers, file)).json<ImportPreview>();
    expect(again.treatments).toMatchObject({ accepted: 3, duplicates: 3 });
  });

  it('restores an import removed before treatments were imported (its rows kept as a list of readings)', async () => {
    const { headers } = await signedInUser(app());
    const committed = (await commit(headers, (await preview(headers, fixture('libreview-mgdl.csv'))).json<ImportPreview>().uploadId)).json<ImportResult>();
    await app().inject({ method: 'DELETE', url: `/api/imports/${committed.importId}`, headers });
    // Rewrite what the removal kept in the earlier shape: a gzipped array of readings.
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const db = testApp.app.db;
    const record = await db.import.findUniqueOrThrow({ where: { id: committed.importId } });
    const kept = JSON.parse(gunzipSync(record.removedReadings as Uint8Array).toString('utf8')) as { readings: unknown[] };
    await db.import.update({ where: { id: committed.importId }, data: { removedReadings: new Uint8Array(gzipSync(JSON.stringify(kept.readings))) } });
    const restored = await app().inject({ method: 'POST', url: `/api/imports/${committed.importId}/restore`, headers });
    expect(restored.statusCode).toBe(200);
    expect(await readingCount(headers)).toBe(kept.readings.length);
  });

  it('rejects a dose the diary cannot hold with its line, and imports the rest', async () => {
    const { headers } = await signedInUser(app());
    const file = [
      'Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mg/dL),Insulin Value (u),Carb Value (grams),Duration (hh:mm:ss)',
      '1,2026-11-10T07:00:00,Insulin,Fast-Acting,,,G7,,250,,',
      '2,2026-11-10T07:05:00,Insulin,Long-Acting,,,G7,,18,,',
      '3,2026-11-10T07:10:00,Exercise,Heavy,,,G7,,,,01:15:00',
      '4,2026-11-10T07:15:00,Health,Illness,,,G7,,,,',
    ].join('\n');
    const result = (await commit(headers, (await preview(headers, file)).json<ImportPreview>().uploadId)).json<ImportResult>();
    expect(result.rejected).toEqual([{ line: 2, reason: 'insulin: units must be between 0.05 and 100 in steps of 0.05' }]);
    expect(result.treatments).toMatchObject({ byType: { insulin: 1, activity: 1, note: 1 }, imported: 3 });
    const stored = (await app().inject({ method: 'GET', url: '/api/treatments', headers })).json<TreatmentPage>().items;
    expect(stored.map((t) => [t.type, t.units ?? t.minutes ?? t.note, t.insulinKind ?? t.intensity])).toEqual([
      ['note', 'Illness', null],
      ['activity', 75, 'vigorous'],
      ['insulin', 18, 'long'],
    ]);
  });

  it('a cancelled commit leaves nothing behind, and tells its progress batch by batch until then', async () => {
    const { user } = await signedInUser(app());
    const userId = user.id;
    const importer = new ReadingsImportService(app().db, 100);
    const file = await importer.read([Buffer.from(clarityExport(1000))], { userId });
    const told: number[] = [];
    await expect(
      importer.commit(file, {
        userId,
        fileName: 'a.csv',
        onProgress: (progress) => {
          told.push(progress.done);
        },
        isCancelled: async () => told.length >= 4,
      }),
    ).rejects.toMatchObject({ code: 'IMPORT_CANCELLED' });
    expect(told).toEqual([100, 200, 300, 400]);
    expect(await app().db.reading.count({ where: { userId } })).toBe(0);
    expect(await app().db.import.count({ where: { userId } })).toBe(0);

    const done = await importer.commit(file, { userId, fileName: 'a.csv', onProgress: (progress) => void told.push(progress.done) });
    expect(done.imported).toBe(1000);
    expect(told.at(-1)).toBe(1000);
  });

  it('cancels by DELETE: the upload is forgotten and a commit of it is refused', async () => {
    const { headers } = await signedInUser(app());
    const { uploadId } = (await preview(headers, localeFixture('clarity-de.csv'))).json<ImportPreview>();
    const cancelled = await app().inject({ method: 'DELETE', url: `/api/readings/import/${uploadId}`, headers });
    expect(cancelled.statusCode).toBe(204);
    expect((await commit(headers, uploadId)).json()).toMatchObject({ code: 'UPLOAD_GONE' });
    expect((await app().inject({ method: 'GET', url: `/api/readings/import/${uploadId}/progress`, headers })).statusCode).toBe(404);
  });
});
