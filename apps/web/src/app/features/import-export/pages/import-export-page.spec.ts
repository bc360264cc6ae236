import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportPreview, ImportResult } from '@glucodiary/contracts';
import { ImportExportPage } from './import-export-page';

const preview: ImportPreview = {
  mode: 'preview',
  format: 'libreview',
  columns: ['Device', 'Device Timestamp', 'Record Type'],
  needsMapping: false,
  mapping: null,
  totalRows: 5,
  accepted: 3,
  duplicates: 1,
  skipped: 1,
  skippedByKind: { insulin: 0, carbohydrates: 1, note: 0, ketone: 0, calibration: 0, deviceInfo: 0, event: 0, empty: 0 },
  rejectedCount: 1,
  rejected: [{ line: 7, reason: 'value "abc" is not a number' }],
  outOfRange: { low: 0, high: 0 },
  dateOrder: {
    used: 'MDY',
    pattern: 'MM-DD-YYYY HH:mm',
    decidedBy: 'file',
    evidence: { line: 9, text: '11-14-2026 21:30' },
    needsChoice: [],
    samples: ['11-02-2026 06:58', '11-14-2026 21:30'],
  },
  readings: [
    { line: 3, takenAt: '2026-11-02T06:58:00.000Z', value: 104, unit: 'mg/dL', context: 'other', note: null, duplicate: false },
    { line: 4, takenAt: '2026-11-02T07:13:00.000Z', value: 109, unit: 'mg/dL', context: 'other', note: 'scan', duplicate: true },
  ],
};

describe('ImportExportPage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  async function chooseFile(element: HTMLElement, contents = 'a,b\n1,2\n') {
    const input = element.querySelector('input[type=file]') as HTMLInputElement;
    // jsdom has no DataTransfer to build a FileList with; the page only reads the first file.
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([contents], 'export.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change'));
  }

  it('previews a chosen file, shows rejected rows with their lines, and imports it', async () => {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    await chooseFile(element);
    const previewRequest = http.expectOne((request) => request.url === '/api/readings/import');
    expect(previewRequest.request.params.get('mode')).toBe('preview');
    // No upload progress comes (the app's fetch backend cannot report it): the bar runs without a figure.
    TestBed.tick();
    expect(element.querySelector('mat-progress-bar')?.getAttribute('mode')).toBe('indeterminate');
    expect(element.querySelector('.progress-text')?.textContent).toContain('Reading the file: sending it and reading it');
    const form = previewRequest.request.body as FormData;
    expect(form.has('format')).toBe(false);
    expect((form.get('file') as File).name).toBe('export.csv');
    previewRequest.flush(preview);
    // The answer settles the upload's promise a few microtasks later; then the page renders it.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    expect(element.querySelector('[role=status]')?.textContent).toContain('5 rows read, 2 new readings to import, 1 reading already in your diary, 1 row rejected');
    expect(element.textContent).toContain('Already in your diary');
    const rejected = element.querySelector('table[aria-label="Rows that cannot be imported"]');
    expect(rejected?.textContent).toContain('7');
    expect(rejected?.textContent).toContain('value "abc" is not a number');

    const importButton = Array.from(element.querySelectorAll('button')).find((button) => button.textContent?.includes('Import 2 readings'));
    importButton?.click();
    const commitRequest = http.expectOne((request) => request.url === '/api/readings/import');
    expect(commitRequest.request.params.get('mode')).toBe('commit');
    const result: ImportResult = { ...preview, mode: 'commit', imported: 2 };
    commitRequest.flush(result);
    await fixture.whenStable();
    expect(element.textContent).toContain('Imported 2 readings into your diary. 1 reading was already there. 1 row could not be imported.');
    http.verify();
  });

  it('shows the date format used and the rows it skipped by kind, Low/High among them', async () => {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    await chooseFile(element);
    http.expectOne((request) => request.url === '/api/readings/import').flush({
      ...preview,
      skipped: 22,
      skippedByKind: { insulin: 12, carbohydrates: 3, note: 1, ketone: 0, calibration: 1, deviceInfo: 5, event: 0, empty: 0 },
      outOfRange: { low: 2, high: 1 },
    } satisfies ImportPreview);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    expect(element.querySelector('.date-format')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Dates read as MM-DD-YYYY HH:mm (month first, as line 9 shows: 11-14-2026 21:30)',
    );
    const skipped = Array.from(element.querySelectorAll('ul[aria-label="Rows that are not imported"] li')).map((item) => item.textContent?.trim());
    expect(skipped).toEqual([
      '12 insulin doses, 3 carbohydrate entries and 1 note: will be imported once GlucoDiary keeps treatments.',
      '1 calibration (finger-stick values entered into the sensor): not imported as readings.',
      '5 patient or device information rows: not readings.',
      "2 Low and 1 High readings (beyond the sensor's range): the diary cannot store these yet; they are among the rows that cannot be imported.",
    ]);
    http.verify();
  });

  it('asks whether the dates are day first or month first when the file cannot tell, and previews again with the answer', async () => {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    await chooseFile(element);
    const first = http.expectOne((request) => request.url === '/api/readings/import');
    expect((first.request.body as FormData).has('dateOrder')).toBe(false);
    first.flush({
      ...preview,
      accepted: 0,
      duplicates: 0,
      readings: [],
      rejected: [],
      rejectedCount: 0,
      dateOrder: { used: null, pattern: null, decidedBy: null, evidence: null, needsChoice: ['DMY', 'MDY'], samples: ['01-09-2025 21:58', '12-09-2025 07:28'] },
    } satisfies ImportPreview);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    // Nothing was read: no counts, no import button, only the question.
    expect(element.querySelector('[role=status]')).toBeNull();
    expect(Array.from(element.querySelectorAll('button')).some((button) => button.textContent?.includes('Import'))).toBe(false);
    const question = element.querySelector('fieldset.question');
    expect(question?.querySelector('legend')?.textContent).toContain('day first or month first');
    const choices = Array.from(question?.querySelectorAll('button') ?? []);
    expect(choices.map((button) => button.textContent?.trim())).toEqual([
      'Day first (DD-MM): 01-09-2025 is 1 September 2025',
      'Month first (MM-DD): 01-09-2025 is 9 January 2025',
    ]);

    choices[0]?.click();
    const second = http.expectOne((request) => request.url === '/api/readings/import');
    const form = second.request.body as FormData;
    expect(form.get('dateOrder')).toBe('DMY');
    const names: string[] = [];
    form.forEach((_value, name) => names.push(name));
    expect(names).toEqual(['dateOrder', 'file']); // the server reads the fields before the file
    second.flush({
      ...preview,
      dateOrder: { used: 'DMY', pattern: 'DD-MM-YYYY HH:mm', decidedBy: 'choice', evidence: null, needsChoice: [], samples: ['01-09-2025 21:58'] },
    } satisfies ImportPreview);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('.date-format')?.textContent).toContain('Dates read as DD-MM-YYYY HH:mm (day first, as you chose)');
    expect(element.querySelector('[role=status]')?.textContent).toContain('5 rows read');

    // The commit carries the same answer.
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.includes('Import 2 readings'))
      ?.click();
    const commit = http.expectOne((request) => request.url === '/api/readings/import');
    expect(commit.request.params.get('mode')).toBe('commit');
    expect((commit.request.body as FormData).get('dateOrder')).toBe('DMY');
    http.verify();
  });

  it('says why a file was refused', async () => {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    await chooseFile(element, '\u0000');
    http
      .expectOne('/api/readings/import?mode=preview')
      .flush(
        { statusCode: 400, error: 'Bad Request', code: 'NOT_CSV', message: 'This is not a CSV text file.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('This is not a CSV text file.');
  });

  it('refuses a file over the size limit without keeping it, so no later choice uploads it', async () => {
    const fixture = TestBed.createComponent(ImportExportPage);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const input = element.querySelector('input[type=file]') as HTMLInputElement;
    const huge = new File(['a,b\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 200 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { configurable: true, value: [huge] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toMatch(/larger than \d+ MB/);
    expect(element.querySelector('mat-select')).toBeNull(); // no format to choose for a file that is not kept
    http.expectNone('/api/readings/import?mode=preview');
  });
});
