import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportRecord } from '@glucodiary/contracts';
import { PastImportsStore } from '../data-access/past-imports.store';
import { PastImports } from './past-imports';

const libre: ImportRecord = {
  id: 'import-2',
  fileName: 'libreview-november.csv',
  format: 'libreview',
  createdAt: '2026-11-20T10:05:00.000Z',
  totalRows: 40200,
  imported: 40000,
  duplicates: 0,
  skipped: 150,
  rejected: 50,
  readings: 39998,
  removedAt: null,
  restorableUntil: null,
};
const meter: ImportRecord = {
  ...libre,
  id: 'import-1',
  fileName: 'meter.csv',
  format: 'generic',
  createdAt: '2026-11-18T08:00:00.000Z',
  imported: 12,
  readings: 0,
  removedAt: '2026-11-19T09:30:00.000Z',
  restorableUntil: '2026-11-26T09:30:00.000Z',
};
const dexcom: ImportRecord = {
  ...libre,
  id: 'import-0',
  fileName: 'clarity.csv',
  format: 'dexcom',
  createdAt: '2026-10-01T08:00:00.000Z',
  imported: 1,
  readings: 0,
  removedAt: '2026-10-02T08:00:00.000Z',
  restorableUntil: null,
};

describe('PastImports', () => {
  async function open(items: ImportRecord[]) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), PastImportsStore] });
    const fixture = TestBed.createComponent(PastImports);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/imports').flush({ items });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    // Each row's lines, then its button: "file | format and date | readings | button".
    const rows = () =>
      Array.from(element.querySelectorAll('li')).map((row) =>
        Array.from(row.querySelectorAll('strong, div > div, button'))
          .map((part) => part.textContent?.trim())
          .join(' | '),
      );
    const button = (name: string) =>
      Array.from(element.querySelectorAll('button')).find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name);
    return { fixture, http, element, rows, button };
  }

  it('lists each import with its file, format, date and readings, and what can be done with it', async () => {
    const { element, rows, button } = await open([libre, meter, dexcom]);
    expect(element.querySelector('ul')?.getAttribute('aria-labelledby')).toBe(element.querySelector('h2')?.id);
    expect(rows()).toEqual([
      'libreview-november.csv | LibreView (FreeStyle Libre) · imported Nov 20, 2026, 10:05 AM | 39,998 of 40,000 readings in your diary | Remove',
      'meter.csv | Other CSV · imported Nov 18, 2026, 8:00 AM | Readings removed on Nov 19, 2026, 9:30 AM; can be restored until Nov 26, 2026, 9:30 AM | Restore',
      'clarity.csv | Dexcom Clarity · imported Oct 1, 2026, 8:00 AM | Readings removed on Oct 2, 2026, 8:00 AM',
    ]);
    expect(button('Remove libreview-november.csv')).toBeDefined();
    expect(button('Restore meter.csv')).toBeDefined();
    // Past its week, a removal can no longer be undone: nothing to click.
    expect(element.querySelectorAll('li')[2]?.querySelector('button')).toBeNull();
  });

  it('says so when there are no imports yet', async () => {
    const { element } = await open([]);
    expect(element.textContent).toContain('No imports yet.');
    expect(element.querySelector('ul')).toBeNull();
  });

  it('removes an import only once confirmed, then shows it removed and loads the list again', async () => {
    const { fixture, http, element, rows, button } = await open([libre]);
    button('Remove libreview-november.csv')?.click();
    await fixture.whenStable();
    expect(element.querySelector('li [role=group]')?.textContent).toContain('Remove the 39,998 readings of libreview-november.csv from your diary?');
    http.expectNone('/api/imports/import-2');

    button('Remove them')?.click();
    const removal = http.expectOne('/api/imports/import-2');
    expect(removal.request.method).toBe('DELETE');
    const removed = { ...libre, readings: 0, removedAt: '2026-11-21T12:00:00.000Z', restorableUntil: '2026-11-28T12:00:00.000Z' };
    removal.flush(removed);
    // The server's answer shows at once; the list is loaded again as well.
    await vi.waitFor(() => expect(rows()[0]).toContain('Readings removed on Nov 21, 2026, 12:00 PM; can be restored until Nov 28, 2026, 12:00 PM'));
    http.expectOne('/api/imports').flush({ items: [removed] });
    await fixture.whenStable();

    button('Restore libreview-november.csv')?.click();
    const restore = http.expectOne('/api/imports/import-2/restore');
    expect(restore.request.method).toBe('POST');
    restore.flush(libre);
    await vi.waitFor(() => expect(rows()[0]).toContain('39,998 of 40,000 readings in your diary'));
    http.expectOne('/api/imports').flush({ items: [libre] });
    await fixture.whenStable();
    expect(button('Remove libreview-november.csv')).toBeDefined();
    http.verify();
  });

  it('sends one removal for a double click on its confirmation', async () => {
    const { fixture, http, button } = await open([libre]);
    button('Remove libreview-november.csv')?.click();
    await fixture.whenStable();
    const confirm = button('Remove them');
    confirm?.click();
    confirm?.click();
    expect(http.match('/api/imports/import-2')).toHaveLength(1);
  });

  it('says when the list cannot be loaded, and loads it again on request', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), PastImportsStore] });
    const fixture = TestBed.createComponent(PastImports);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/imports').flush({ statusCode: 503, code: 'GRID_UNAVAILABLE', message: 'Try again shortly.' }, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Your past imports could not be loaded: Try again shortly.');

    Array.from(element.querySelectorAll('button'))
      .find((candidate) => candidate.textContent?.includes('Try again'))
      ?.click();
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [libre] }));
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(element.textContent).toContain('libreview-november.csv');
  });
});
