import { request } from 'node:http';
import { IMPORT_MAX_FILE_BYTES, type ImportPreview, type ImportResult, type ReadingsExport } from '@glucodiary/contracts';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';
import { fixture } from './testing/parse-sample';

/** A multipart body as a browser's FormData sends it: the fields first, then the file. */
async function multipart(file: string | Buffer, fields: Record<string, string> = {}, filename = 'export.csv') {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), filename);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

describe('readings import and export API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  async function upload(headers: Record<string, string>, file: string | Buffer, mode: 'preview' | 'commit', fields: Record<string, string> = {}) {
    const body = await multipart(file, fields);
    return app().inject({
      method: 'POST',
      url: `/api/readings/import?mode=${mode}`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  }

  async function allReadings(headers: Record<string, string>) {
    const page = await app().inject({ method: 'GET', url: '/api/readings?limit=200', headers });
    return page.json<{ items: { takenAt: string; value: number; unit: string; context: string; note: string | null }[] }>().items;
  }

  it('previews a LibreView export without storing anything', async () => {
    const { headers } = await signedInUser(app());
    const response = await upload(headers, fixture('libreview-mgdl.csv'), 'preview');
    expect(response.statusCode).toBe(200);
    const preview = response.json<ImportPreview>();
    expect(preview).toMatchObject({
      mode: 'preview',
      format: 'libreview',
      totalRows: 13,
      accepted: 8,
      duplicates: 0,
      skipped: 3,
      rejectedCount: 2,
      needsMapping: false,
      rejected: [
        { line: 11, reason: 'no glucose value' },
        { line: 12, reason: 'value "abc" is not a number' },
      ],
    });
    expect(preview.readings).toHaveLength(8);
    expect(preview.readings[0]).toEqual({
      line: 3,
      takenAt: '2026-11-02T06:58:00.000Z',
      value: 104,
      unit: 'mg/dL',
      context: 'other',
      note: null,
      duplicate: false,
    });
    expect(await allReadings(headers)).toEqual([]);
  });

  it('commits an import, and importing the same file again adds nothing', async () => {
    const { headers } = await signedInUser(app());
    const first = await upload(headers, fixture('libreview-mgdl.csv'), 'commit');
    expect(first.statusCode).toBe(200);
    expect(first.json<ImportResult>()).toMatchObject({ mode: 'commit', format: 'libreview', imported: 8, duplicates: 0, rejectedCount: 2 });
    expect((await allReadings(headers)).map((r) => r.value)).toEqual([131, 96, 152, 138, 121, 117, 109, 104]);

    const again = await upload(headers, fixture('libreview-mgdl.csv'), 'commit');
    expect(again.json<ImportResult>()).toMatchObject({ imported: 0, duplicates: 8, accepted: 8 });
    const preview = await upload(headers, fixture('libreview-mgdl.csv'), 'preview');
    expect(preview.json<ImportPreview>()).toMatchObject({ accepted: 8, duplicates: 8 });
    expect(preview.json<ImportPreview>().readings.every((r) => r.duplicate)).toBe(true);
    expect(await allReadings(headers)).toHaveLength(8);
  });

  it("reads local times in the user's time zone and rejects Dexcom Low/High rows with their lines", async () => {
    const { headers } = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers, payload: { timeZone: 'Europe/Berlin' } });
    const response = await upload(headers, fixture('dexcom-clarity.csv'), 'commit');
    expect(response.json<ImportResult>()).toMatchObject({ format: 'dexcom', imported: 6, skipped: 8, rejectedCount: 2 });
    expect(response.json<ImportResult>().rejected.map((r) => r.line)).toEqual([14, 15]);
    expect((await allReadings(headers)).at(-1)).toMatchObject({ takenAt: '2026-11-10T06:00:21.000Z', value: 98, context: 'other' });
  });

  it('stores a file sent twice at the same time only once (the second waits its turn or is refused while the first runs)', async () => {
    const { headers } = await signedInUser(app());
    const answers = await Promise.all([
      upload(headers, fixture('dexcom-clarity.csv'), 'commit'),
      upload(headers, fixture('dexcom-clarity.csv'), 'commit'),
    ]);
    const done = answers.filter((answer) => answer.statusCode === 200);
    const refused = answers.filter((answer) => answer.statusCode !== 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const answer of refused) expect([answer.statusCode, answer.json().code]).toEqual([409, 'IMPORT_IN_PROGRESS']);
    expect(done.reduce((sum, answer) => sum + answer.json<ImportResult>().imported, 0)).toBe(6);
    expect(await allReadings(headers)).toHaveLength(6);
  });

  it('stops at a row over 64 KB with its line, and says what a commit stored before it', async () => {
    const { headers } = await signedInUser(app());
    // Twenty readings first: beyond the rows read to find the header, so the commit has stored them.
    const rows = ['takenAt,value,unit,context,note'];
    for (let i = 0; i < 20; i++) rows.push(`2026-11-14T07:${String(i).padStart(2, '0')}:00Z,${90 + i},mg/dL,fasting,`);
    rows.push(`2026-11-14T12:00:00Z,120,mg/dL,other,"${'x'.repeat(70_000)}"`);
    for (let i = 0; i < 200; i++) rows.push(`2026-11-15T${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,110,mg/dL,other,`);
    const file = rows.join('\n') + '\n';
    const preview = await upload(headers, file, 'preview');
    expect(preview.statusCode).toBe(400);
    expect(preview.json()).toMatchObject({ code: 'UNREADABLE_FILE', message: expect.stringMatching(/^Line 22 is longer than 64 KB/) });
    expect(preview.json().message).not.toContain('were imported');
    const commit = await upload(headers, file, 'commit');
    expect(commit.statusCode).toBe(400);
    expect(commit.json().message).toContain('20 readings from the rows before it were imported');
    expect(await allReadings(headers)).toHaveLength(20);
  });

  it('skips rows of empty cells, as spreadsheets leave them', async () => {
    const { headers } = await signedInUser(app());
    const response = await upload(headers, 'takenAt,value,unit,context,note\r\n2026-11-14T07:05:00Z,97,mg/dL,fasting,\r\n,,,,\r\n,,,,\r\n', 'commit');
    expect(response.json<ImportResult>()).toMatchObject({ totalRows: 3, imported: 1, skipped: 2, rejectedCount: 0 });
  });

  it('maps the columns of a generic CSV: preview asks, the mapping reads, commit requires it', async () => {
    const { headers } = await signedInUser(app());
    const unmapped = (await upload(headers, fixture('generic-meter.csv'), 'preview')).json<ImportPreview>();
    expect(unmapped).toMatchObject({
      format: 'generic',
      needsMapping: true,
      columns: ['When', 'Glucose (mmol/L)', 'Meal', 'Comment'],
      mapping: { timestamp: 'When', value: 'Glucose (mmol/L)', defaultUnit: 'mmol/L', context: 'Meal', note: 'Comment', dateOrder: 'YMD' },
      totalRows: 5,
      readings: [],
    });

    const refused = await upload(headers, fixture('generic-meter.csv'), 'commit');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'mapping' }] });

    const mapping = JSON.stringify(unmapped.mapping);
    const committed = await upload(headers, fixture('generic-meter.csv'), 'commit', { format: 'generic', mapping });
    expect(committed.json<ImportResult>()).toMatchObject({ imported: 4, rejectedCount: 1, rejected: [{ line: 6 }] });
    expect((await allReadings(headers)).map((r) => r.context)).toEqual(['bedtime', 'before_meal', 'after_meal', 'fasting']);

    const badMapping = await upload(headers, fixture('generic-meter.csv'), 'preview', { mapping: '{"timestamp":"When","value":"Nope"}' });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().details).toEqual([{ field: 'mapping.value', message: 'The file has no column named "Nope".' }]);
    const notJson = await upload(headers, fixture('generic-meter.csv'), 'preview', { mapping: '{' });
    expect(notJson.json().details).toEqual([{ field: 'mapping', message: 'is not valid JSON' }]);
  });

  it('refuses files that are not CSV, empty, or not of the requested format with 400', async () => {
    const { headers } = await signedInUser(app());
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    for (const [file, fields, code] of [
      [png, {}, 'NOT_CSV'],
      ['', {}, 'NOT_CSV'],
      ['just one line of prose\n', {}, 'NOT_CSV'],
      [fixture('dexcom-clarity.csv'), { format: 'libreview' }, 'UNREADABLE_FILE'],
      [fixture('dexcom-clarity.csv'), { format: 'pdf' }, 'VALIDATION_FAILED'],
    ] as const) {
      const response = await upload(headers, file, 'commit', fields);
      expect(response.statusCode, code).toBe(400);
      expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code });
    }
    const noFile = await app().inject({ method: 'POST', url: '/api/readings/import', headers, payload: { file: 'x' } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe('FILE_REQUIRED');
    expect(await allReadings(headers)).toEqual([]);
  });

  it('answers a broken multipart body with 400 MALFORMED_UPLOAD, not a 500', async () => {
    const { headers } = await signedInUser(app());
    const { payload, headers: form } = await multipart('takenAt,value,unit,context,note\n');
    const boundary = form['content-type'].split('boundary=')[1]!;
    const cases = [
      // No boundary in the header.
      { contentType: 'multipart/form-data', body: payload },
      // The body stops in the middle of the file part.
      { contentType: form['content-type'], body: payload.subarray(0, payload.length - boundary.length - 8) },
    ];
    for (const { contentType, body } of cases) {
      const response = await app().inject({ method: 'POST', url: '/api/readings/import?mode=commit', headers: { ...headers, 'content-type': contentType }, payload: body });
      expect(response.statusCode, contentType).toBe(400);
      expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_UPLOAD' });
    }
    expect(await allReadings(headers)).toEqual([]);
  });

  it('refuses a file over the size limit with 413 in the standard error shape', async () => {
    const { headers } = await signedInUser(app());
    const header = 'takenAt,value,unit,context,note\n';
    const line = '2026-11-14T07:05:00+01:00,97,mg/dL,fasting,\n';
    const big = Buffer.from(header + line.repeat(Math.ceil(IMPORT_MAX_FILE_BYTES / line.length) + 10));
    const response = await upload(headers, big, 'commit');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'FILE_TOO_LARGE' });
    expect(await allReadings(headers)).toEqual([]);
  });

  it('exports CSV that imports back as the same readings, in the user unit and zone', async () => {
    const alice = await signedInUser(app());
    await app().inject({ method: 'PATCH', url: '/api/me', headers: alice.headers, payload: { timeZone: 'America/New_York', preferredUnit: 'mmol/L' } });
    const entries = [
      { takenAt: '2026-11-01T12:00:00.000Z', value: 6.2, unit: 'mmol/L', context: 'fasting', note: 'plain' },
      { takenAt: '2026-11-02T18:30:00.000Z', value: 9.4, unit: 'mmol/L', context: 'after_meal', note: 'pizza, "large"\nsecond line' },
      { takenAt: '2026-11-03T03:15:00.000Z', value: 4.1, unit: 'mmol/L', context: 'bedtime', note: '=1+1' },
      { takenAt: '2026-11-03T04:00:00.000Z', value: 5.5, unit: 'mmol/L', context: 'other' },
    ];
    for (const entry of entries) {
      expect((await app().inject({ method: 'POST', url: '/api/readings', headers: alice.headers, payload: entry })).statusCode).toBe(201);
    }
    const exported = await app().inject({ method: 'GET', url: '/api/readings/export?format=csv', headers: alice.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="glucodiary-readings-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = exported.body.split('\r\n');
    expect(lines[0]).toBe('takenAt,value,unit,context,note');
    expect(lines[1]).toBe('2026-11-01T07:00:00-05:00,6.2,mmol/L,fasting,plain');
    expect(exported.body).toContain("'=1+1");

    // Into the same diary: nothing is new.
    const again = await upload(alice.headers, exported.body, 'commit');
    expect(again.json<ImportResult>()).toMatchObject({ format: 'glucodiary', imported: 0, duplicates: 4 });

    // Into another diary: the same readings.
    const bob = await signedInUser(app());
    const imported = await upload(bob.headers, exported.body, 'commit');
    expect(imported.json<ImportResult>()).toMatchObject({ format: 'glucodiary', imported: 4, rejectedCount: 0 });
    const strip = (r: { takenAt: string; value: number; context: string; note: string | null }) => ({
      takenAt: r.takenAt,
      value: r.value,
      context: r.context,
      note: r.note,
    });
    await app().inject({ method: 'PATCH', url: '/api/me', headers: bob.headers, payload: { preferredUnit: 'mmol/L' } });
    expect((await allReadings(bob.headers)).map(strip)).toEqual((await allReadings(alice.headers)).map(strip));
  });

  it("exports JSON and a period, and never another user's readings", async () => {
    const alice = await signedInUser(app());
    const bob = await signedInUser(app());
    await upload(alice.headers, fixture('dexcom-clarity.csv'), 'commit');
    const json = await app().inject({ method: 'GET', url: '/api/readings/export?format=json', headers: alice.headers });
    expect(json.headers['content-disposition']).toMatch(/\.json"$/);
    const document = json.json<ReadingsExport>();
    expect(document).toMatchObject({ format: 'glucodiary', version: 1, timeZone: 'UTC', unit: 'mg/dL' });
    expect(document.readings.map((r) => r.value)).toEqual([98, 101, 107, 118, 126, 124]);
    expect(document.readings[0]).toEqual({ takenAt: '2026-11-10T07:00:21Z', value: 98, unit: 'mg/dL', context: 'other', note: null });

    const period = await app().inject({
      method: 'GET',
      url: '/api/readings/export',
      query: { format: 'json', from: '2026-11-10T07:10:00Z', to: '2026-11-10T07:20:00Z' },
      headers: alice.headers,
    });
    expect(period.json<ReadingsExport>().readings.map((r) => r.value)).toEqual([107, 118]);

    const bobs = await app().inject({ method: 'GET', url: '/api/readings/export', headers: bob.headers });
    expect(bobs.body).toBe('takenAt,value,unit,context,note\r\n');
    const bobsJson = await app().inject({ method: 'GET', url: '/api/readings/export?format=json', headers: bob.headers });
    expect(bobsJson.json<ReadingsExport>().readings).toEqual([]);
  });

  it('requires a signed-in user for import and export', async () => {
    expect((await app().inject({ method: 'GET', url: '/api/readings/export' })).statusCode).toBe(401);
    const body = await multipart(fixture('dexcom-clarity.csv'));
    expect((await app().inject({ method: 'POST', url: '/api/readings/import', headers: body.headers, payload: body.payload })).statusCode).toBe(401);
  });

  it('imports a 100,000-row file in batches, and a second look finds them all stored', { timeout: 240_000 }, async () => {
    const { headers } = await signedInUser(app());
    const rows = 100_000;
    const start = Date.UTC(2025, 0, 1);
    const lines = ['Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mg/dL)'];
    for (let i = 0; i < rows; i += 1) {
      const at = new Date(start + i * 5 * 60_000).toISOString().slice(0, 19);
      lines.push(`${i + 1},${at},EGV,,,,G7,${70 + (i % 200)}`);
    }
    const file = lines.join('\n');
    const first = await upload(headers, file, 'commit');
    expect(first.statusCode).toBe(200);
    expect(first.json<ImportResult>()).toMatchObject({ totalRows: rows, accepted: rows, imported: rows, rejectedCount: 0 });
    // Every row is now stored once: a second look finds them all.
    const second = await upload(headers, file, 'preview');
    expect(second.json<ImportPreview>()).toMatchObject({ accepted: rows, duplicates: rows });
  });

  it('runs one import per user at a time: a second answers 409 while the first is still uploading, others are not held up', async () => {
    const alice = await signedInUser(app());
    const bob = await signedInUser(app());
    const address = await app().listen({ port: 0, host: '127.0.0.1' });
    const body = await multipart(fixture('libreview-mgdl.csv'));
    // Alice's first upload sends all but its last bytes and waits.
    const first = new Promise<number>((resolve, reject) => {
      const outgoing = request(
        `${address}/api/readings/import?mode=preview`,
        { method: 'POST', headers: { ...alice.headers, ...body.headers, 'content-length': String(body.payload.length) } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.write(body.payload.subarray(0, body.payload.length - 10));
      setTimeout(() => outgoing.end(body.payload.subarray(body.payload.length - 10)), 1000);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await upload(alice.headers, fixture('libreview-mgdl.csv'), 'preview');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect((await upload(bob.headers, fixture('libreview-mgdl.csv'), 'preview')).statusCode).toBe(200);
    expect(await first).toBe(200);
    // Finished: the slot is free again.
    expect((await upload(alice.headers, fixture('libreview-mgdl.csv'), 'preview')).statusCode).toBe(200);
  });
});
