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
  rejectedCount: 1,
  rejected: [{ line: 7, reason: 'value "abc" is not a number' }],
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
