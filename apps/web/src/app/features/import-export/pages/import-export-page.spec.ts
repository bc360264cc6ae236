import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportPreview, ImportRecord, ImportResult } from '@glucodiary/contracts';
import { IMPORT_PROGRESS_POLL_MS } from '../data-access/import.store';
import { ImportExportPage } from './import-export-page';

/** What a preview and a commit of the same file both count. */
const counts = {
  format: 'libreview',
  totalRows: 5,
  accepted: 3,
  duplicates: 1,
  skipped: 1,
  skippedByKind: { insulin: 0, carbohydrates: 1, note: 0, ketone: 0, calibration: 0, deviceInfo: 0, event: 0, empty: 0 },
  rejectedCount: 1,
  rejected: [{ line: 7, reason: 'value "abc" is not a number' }],
  outOfRange: { low: 0, high: 0 },
  bySource: { typed: 0, meter: 0, sensor_history: 2, sensor_scan: 1 },
  treatments: { byType: { insulin: 0, carbs: 0, activity: 0, note: 0, ketones: 0 }, accepted: 0, duplicates: 0, imported: 0 },
  dateOrder: {
    used: 'MDY',
    pattern: 'MM-DD-YYYY HH:mm',
    decidedBy: 'file',
    evidence: { line: 9, text: '11-14-2026 21:30' },
    needsChoice: [],
    samples: ['11-02-2026 06:58', '11-14-2026 21:30'],
  },
} satisfies Omit<ImportResult, 'mode' | 'imported' | 'importId'>;

const uploadId = 'upload-0000000000000001';
const preview: ImportPreview = {
  ...counts,
  mode: 'preview',
  uploadId,
  uploadExpiresAt: '2026-11-20T11:00:00.000Z',
  columns: ['Device', 'Device Timestamp', 'Record Type'],
  needsMapping: false,
  mapping: null,
  readings: [
    {
      line: 3,
      takenAt: '2026-11-02T06:58:00.000Z',
      value: 104,
      unit: 'mg/dL',
      context: 'other',
      note: null,
      kind: 'sensor',
      source: 'sensor_history',
      beyondRange: null,
      duplicate: false,
    },
    {
      line: 4,
      takenAt: '2026-11-02T07:13:00.000Z',
      value: 109,
      unit: 'mg/dL',
      context: 'other',
      note: 'scan',
      kind: 'sensor',
      source: 'sensor_scan',
      beyondRange: null,
      duplicate: true,
    },
  ],
};
const result: ImportResult = { ...counts, mode: 'commit', imported: 2, importId: 'import-1' };
const record: ImportRecord = {
  id: 'import-1',
  fileName: 'export.csv',
  format: 'libreview',
  createdAt: '2026-11-20T10:05:00.000Z',
  totalRows: 5,
  imported: 2,
  duplicates: 1,
  skipped: 1,
  rejected: 1,
  readings: 2,
  removedAt: null,
  restorableUntil: null,
};
const needsDateOrder: ImportPreview = {
  ...preview,
  accepted: 0,
  duplicates: 0,
  readings: [],
  rejected: [],
  rejectedCount: 0,
  bySource: { typed: 0, meter: 0, sensor_history: 0, sensor_scan: 0 },
  dateOrder: { used: null, pattern: null, decidedBy: null, evidence: null, needsChoice: ['DMY', 'MDY'], samples: ['01-09-2025 21:58', '12-09-2025 07:28'] },
};

const isUpload = (request: { url: string; method: string }) => request.method === 'POST' && request.url === '/api/readings/import';
const commitUrl = (id: string) => `/api/readings/import/${id}/commit`;
const progressUrl = (id: string) => `/api/readings/import/${id}/progress`;

describe('ImportExportPage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      // Polled quickly here; the app asks every 500 ms.
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: IMPORT_PROGRESS_POLL_MS, useValue: 5 }],
    });
  });

  /** The page with its list of past imports loaded. */
  async function openPage(pastImports: ImportRecord[] = []) {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/imports').flush({ items: pastImports });
    await fixture.whenStable();
    return { fixture, http, element: fixture.nativeElement as HTMLElement };
  }

  /** Lets an answer settle its promise (a few microtasks later) and the page render it; only when no request is open. */
  async function settle(fixture: ComponentFixture<unknown>) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  function chooseFile(element: HTMLElement, contents = 'a,b\n1,2\n') {
    const input = element.querySelector('input[type=file]') as HTMLInputElement;
    // jsdom has no DataTransfer to build a FileList with; the page only reads the first file.
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([contents], 'export.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change'));
  }

  const button = (element: HTMLElement, text: string) =>
    Array.from(element.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim().startsWith(text)) as HTMLButtonElement | undefined;

  /** Opens the page and previews a file with `answer`. */
  async function previewed(answer: ImportPreview = preview, pastImports: ImportRecord[] = []) {
    const page = await openPage(pastImports);
    chooseFile(page.element);
    page.http.expectOne(isUpload).flush(answer);
    await settle(page.fixture);
    return page;
  }

  it('uploads a chosen file once to preview it, shows what it holds, and imports it by its upload id', async () => {
    const { fixture, http, element } = await openPage();
    chooseFile(element);
    const upload = http.expectOne(isUpload);
    expect(upload.request.params.get('mode')).toBe('preview');
    const form = upload.request.body as FormData;
    expect(form.has('format')).toBe(false);
    expect((form.get('file') as File).name).toBe('export.csv');
    // No upload progress comes (the app's fetch backend cannot report it): the bar runs without a figure.
    TestBed.tick();
    expect(element.querySelector('mat-progress-bar')?.getAttribute('mode')).toBe('indeterminate');
    expect(element.querySelector('.progress-text')?.textContent).toBe('Reading the file…');
    upload.flush(preview);
    await settle(fixture);

    const previewRegion = element.querySelector('section[aria-label=Preview]') as HTMLElement;
    expect(previewRegion.querySelectorAll('[role=status]')).toHaveLength(1);
    expect(previewRegion.querySelector('[role=status]')?.textContent).toBe(
      '5 rows read, 2 new readings to import, 1 reading already in your diary, 1 row rejected, 1 row skipped (not glucose readings).',
    );
    expect(previewRegion.textContent).toContain('Readings in the file: 2 sensor readings and 1 scan.');
    expect(element.textContent).toContain('Already in your diary');
    const rejected = element.querySelector('table[aria-label="Rows that cannot be imported"]');
    expect(rejected?.textContent).toContain('7');
    expect(rejected?.textContent).toContain('value "abc" is not a number');

    button(element, 'Import 2 readings')?.click();
    const commit = http.expectOne(commitUrl(uploadId));
    expect(commit.request.method).toBe('POST');
    expect(commit.request.body).toEqual({});
    http.expectNone(isUpload);
    commit.flush(result);
    // The list of past imports is loaded again, with this import in it.
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [record] }));
    await settle(fixture);
    expect(element.querySelector('.result')?.textContent).toBe('Imported 2 readings into your diary. 1 reading was already there. 1 row could not be imported.');
    expect(button(element, 'Undo this import')).toBeDefined();
    expect(element.querySelector('app-past-imports li')?.textContent).toContain('export.csv');
    http.verify();
  });

  it('previews again by upload id when the date order is chosen, without uploading the file again, and commits with the same choice', async () => {
    const { fixture, http, element } = await previewed(needsDateOrder);

    // Nothing was read: no counts, no import button, only the question.
    expect(element.querySelector('section [role=status]')).toBeNull();
    expect(button(element, 'Import')).toBeUndefined();
    const question = element.querySelector('fieldset.question');
    expect(question?.querySelector('legend')?.textContent).toContain('day first or month first');
    const choices = Array.from(question?.querySelectorAll('button') ?? []);
    expect(choices.map((choice) => choice.textContent?.trim())).toEqual([
      'Day first (DD-MM): 01-09-2025 is September 1, 2025',
      'Month first (MM-DD): 01-09-2025 is January 9, 2025',
    ]);

    choices[0]?.click();
    const again = http.expectOne(`/api/readings/import/${uploadId}/preview`);
    expect(again.request.method).toBe('POST');
    expect(again.request.body).toEqual({ dateOrder: 'DMY' });
    http.expectNone(isUpload);
    again.flush({
      ...preview,
      dateOrder: { used: 'DMY', pattern: 'DD-MM-YYYY HH:mm', decidedBy: 'choice', evidence: null, needsChoice: [], samples: ['01-09-2025 21:58'] },
    } satisfies ImportPreview);
    await settle(fixture);
    expect(element.querySelector('.date-format')?.textContent).toContain('Dates read as DD-MM-YYYY HH:mm (day first, as you chose)');
    expect(element.querySelector('section [role=status]')?.textContent).toContain('5 rows read');

    button(element, 'Import 2 readings')?.click();
    expect(http.expectOne(commitUrl(uploadId)).request.body).toEqual({ dateOrder: 'DMY' });
  });

  it('previews another format by upload id, and uploads the file again when the server no longer keeps it', async () => {
    const { fixture, http, element } = await previewed();
    const formatSelect = element.querySelector('mat-select') as HTMLElement;
    formatSelect.click();
    await fixture.whenStable();
    (Array.from(document.querySelectorAll('mat-option')).find((option) => option.textContent?.includes('Dexcom Clarity')) as HTMLElement).click();

    const again = http.expectOne(`/api/readings/import/${uploadId}/preview`);
    expect(again.request.body).toEqual({ format: 'dexcom' });
    // An hour later the server has let the file go: it is sent again, with the choice, and previewed.
    again.flush(
      { statusCode: 404, error: 'Not Found', code: 'UPLOAD_GONE', message: 'This upload is no longer kept.' },
      { status: 404, statusText: 'Not Found' },
    );
    const reupload = await vi.waitFor(() => http.expectOne(isUpload));
    const form = reupload.request.body as FormData;
    expect(form.get('format')).toBe('dexcom');
    expect((form.get('file') as File).name).toBe('export.csv');
    reupload.flush({ ...preview, format: 'dexcom', uploadId: 'upload-0000000000000002' } satisfies ImportPreview);
    await settle(fixture);
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(element.querySelector('section[aria-label=Preview]')?.textContent).toContain('Format: Dexcom Clarity');

    // The commit names the new upload.
    button(element, 'Import 2 readings')?.click();
    expect(http.expectOne(commitUrl('upload-0000000000000002')).request.body).toEqual({ format: 'dexcom' });
  });

  it('shows how far the commit has come from the progress it polls, and stops polling once it answers', async () => {
    const { fixture, http, element } = await previewed();
    button(element, 'Import 2 readings')?.click();
    const commit = http.expectOne(commitUrl(uploadId));
    await vi.waitFor(() => expect(element.querySelector('app-import-commit-progress .progress-text')?.textContent).toBe('Importing…'));

    // Not running yet: the server answers 404, and the page asks again.
    const first = await vi.waitFor(() => http.expectOne(progressUrl(uploadId)));
    first.flush({ statusCode: 404, code: 'NOT_FOUND', message: 'No commit of this upload is running.' }, { status: 404, statusText: 'Not Found' });
    const second = await vi.waitFor(() => http.expectOne(progressUrl(uploadId)));
    second.flush({ stage: 'storing', done: 12000, total: 40000 });
    await vi.waitFor(() =>
      expect(element.querySelector('app-import-commit-progress .progress-text')?.textContent).toBe('Storing 12,000 of 40,000 readings'),
    );
    const bar = element.querySelector('app-import-commit-progress mat-progress-bar');
    expect(bar?.getAttribute('mode')).toBe('determinate');
    expect(bar?.getAttribute('aria-valuenow')).toBe('30');
    expect(button(element, 'Import 2 readings')?.disabled).toBe(true);

    const third: TestRequest = await vi.waitFor(() => http.expectOne(progressUrl(uploadId)));
    commit.flush(result);
    await vi.waitFor(() => expect(third.cancelled).toBe(true));
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [record] }));
    await settle(fixture);
    expect(element.querySelector('app-import-commit-progress')).toBeNull();
    expect(element.querySelector('.result')?.textContent).toContain('Imported 2 readings into your diary.');
    http.expectNone(progressUrl(uploadId));
  });

  it('cancels a running commit: nothing is stored, and importing again uploads the file again', async () => {
    const { fixture, http, element } = await previewed();
    button(element, 'Import 2 readings')?.click();
    const commit = http.expectOne(commitUrl(uploadId));
    await vi.waitFor(() => expect(button(element, 'Cancel import')).toBeDefined());

    button(element, 'Cancel import')?.click();
    const cancel = http.expectOne(`/api/readings/import/${uploadId}`);
    expect(cancel.request.method).toBe('DELETE');
    cancel.flush(null, { status: 204, statusText: 'No Content' });
    await vi.waitFor(() => expect(element.querySelector('app-import-commit-progress .progress-text')?.textContent).toBe('Cancelling the import…'));
    commit.flush(
      { statusCode: 409, error: 'Conflict', code: 'IMPORT_CANCELLED', message: 'The import was cancelled: nothing of it was stored.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    for (const poll of http.match(progressUrl(uploadId))) expect(poll.cancelled).toBe(true);
    expect(element.querySelector('.cancelled')?.textContent).toBe('Import cancelled: nothing was stored.');
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(element.querySelector('.result')).toBeNull();
    http.expectNone('/api/imports');

    // The cancel let go of the kept file: it is uploaded again, then committed by its new id.
    button(element, 'Import 2 readings')?.click();
    await vi.waitFor(() => http.expectOne(isUpload)).then((upload) => upload.flush({ ...preview, uploadId: 'upload-0000000000000003' }));
    await vi.waitFor(() => http.expectOne(commitUrl('upload-0000000000000003')));
  });

  it('lets go of the kept file when the preview is put aside', async () => {
    const { fixture, http, element } = await previewed();
    button(element, 'Cancel')?.click();
    const letGo = http.expectOne(`/api/readings/import/${uploadId}`);
    expect(letGo.request.method).toBe('DELETE');
    letGo.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(element.querySelector('section[aria-label=Preview]')).toBeNull();
  });

  it('undoes an import after its commit, and the list of past imports shows it removed', async () => {
    const { fixture, http, element } = await previewed();
    button(element, 'Import 2 readings')?.click();
    http.expectOne(commitUrl(uploadId)).flush(result);
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [record] }));
    await settle(fixture);

    button(element, 'Undo this import')?.click();
    await fixture.whenStable();
    button(element, 'Remove them')?.click();
    const removal = http.expectOne('/api/imports/import-1');
    expect(removal.request.method).toBe('DELETE');
    const removed = { ...record, readings: 0, removedAt: '2026-11-20T10:06:00.000Z', restorableUntil: '2026-11-27T10:06:00.000Z' };
    removal.flush(removed);
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [removed] }));
    await settle(fixture);
    expect(element.querySelector('app-import-undo [role=status]')?.textContent).toContain('Removed the 2 readings this import added.');
    expect(element.querySelector('app-past-imports li')?.textContent).toContain('Readings removed on Nov 20, 2026, 10:06 AM; can be restored until Nov 27, 2026, 10:06 AM');
  });

  it('shows the date format used, the kinds of readings, the Low/High readings kept as LO/HI, the treatments, and the rows skipped by kind', async () => {
    const { element } = await previewed({
      ...preview,
      accepted: 40,
      skipped: 22,
      skippedByKind: { insulin: 12, carbohydrates: 3, note: 1, ketone: 0, calibration: 1, deviceInfo: 5, event: 0, empty: 0 },
      outOfRange: { low: 2, high: 1 },
      bySource: { typed: 0, meter: 3, sensor_history: 35, sensor_scan: 2 },
      treatments: { byType: { insulin: 14, carbs: 6, activity: 1, note: 0, ketones: 0 }, accepted: 21, duplicates: 4, imported: 0 },
    });

    expect(element.querySelector('.date-format')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Dates read as MM-DD-YYYY HH:mm (month first, as line 9 shows: 11-14-2026 21:30)',
    );
    const sources = Array.from(element.querySelectorAll('app-import-reading-sources p')).map((line) => line.textContent);
    expect(sources).toEqual([
      'Readings in the file: 35 sensor readings, 2 scans and 3 finger-sticks.',
      "2 Low and 1 High readings (beyond the device's range) are imported at the device's limit and shown as LO and HI.",
      'Also in the file: 14 insulin doses, 6 carbohydrate entries and 1 exercise (4 already in your diary).',
    ]);
    const skipped = Array.from(element.querySelectorAll('ul[aria-label="Rows that are not imported"] li')).map((item) => item.textContent?.trim());
    expect(skipped).toEqual([
      '12 insulin doses, 3 carbohydrate entries and 1 note without an amount: nothing to import.',
      '1 calibration (finger-stick values entered into the sensor): not imported as readings.',
      '5 patient or device information rows: not readings.',
    ]);
  });

  it('says why a file was refused', async () => {
    const { fixture, http, element } = await openPage();
    chooseFile(element, '\u0000');
    http
      .expectOne('/api/readings/import?mode=preview')
      .flush(
        { statusCode: 400, error: 'Bad Request', code: 'NOT_CSV', message: 'This is not a CSV text file.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('This is not a CSV text file.');
  });

  it('refuses a file over the size limit without keeping it, so no later choice uploads it', async () => {
    const { fixture, http, element } = await openPage();
    const input = element.querySelector('input[type=file]') as HTMLInputElement;
    const huge = new File(['a,b\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 200 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { configurable: true, value: [huge] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toMatch(/larger than \d+ MB/);
    expect(element.querySelector('mat-select')).toBeNull(); // no format to choose for a file that is not kept
    http.expectNone(isUpload);
  });
});
