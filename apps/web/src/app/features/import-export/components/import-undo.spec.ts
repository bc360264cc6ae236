import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ImportRecord } from '@glucodiary/contracts';
import { PastImportsStore } from '../data-access/past-imports.store';
import { ImportUndo } from './import-undo';

const record: ImportRecord = {
  id: 'import-1',
  fileName: 'export.csv',
  format: 'libreview',
  createdAt: '2026-11-20T10:05:00.000Z',
  totalRows: 12,
  imported: 8,
  duplicates: 0,
  skipped: 2,
  rejected: 2,
  readings: 8,
  removedAt: null,
  restorableUntil: null,
};
const removed: ImportRecord = { ...record, readings: 0, removedAt: '2026-11-20T10:06:00.000Z', restorableUntil: '2026-11-27T10:06:00.000Z' };

describe('ImportUndo', () => {
  /** The undo of import-1 (8 readings), beside the page's list of past imports it keeps up to date. */
  async function open() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), PastImportsStore] });
    const fixture = TestBed.createComponent(ImportUndo);
    fixture.componentRef.setInput('importId', 'import-1');
    fixture.componentRef.setInput('imported', 8);
    const http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(PastImportsStore);
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [record] }));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (text: string) => Array.from(element.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === text);
    return { fixture, http, store, element, button };
  }

  it('asks before removing, and sends nothing when the person keeps the readings', async () => {
    const { fixture, http, element, button } = await open();
    button('Undo this import')?.click();
    await fixture.whenStable();
    expect(element.querySelector('[role=group]')?.textContent).toContain('Remove the 8 readings this import added?');
    expect(document.activeElement).toBe(button('Remove them'));

    button('Keep them')?.click();
    await fixture.whenStable();
    expect(button('Remove them')).toBeUndefined();
    expect(document.activeElement).toBe(button('Undo this import'));
    http.verify();
  });

  it("removes the import's readings once confirmed, then restores them, keeping the list of past imports up to date", async () => {
    const { fixture, http, store, element, button } = await open();
    button('Undo this import')?.click();
    await fixture.whenStable();
    button('Remove them')?.click();
    const removal = http.expectOne('/api/imports/import-1');
    expect(removal.request.method).toBe('DELETE');
    removal.flush(removed);
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [removed] }));
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Removed the 8 readings this import added. You can restore them until Nov 27, 2026, 10:06 AM.',
    );
    expect(button('Undo this import')).toBeUndefined();
    expect(store.records()[0]?.removedAt).toBe(removed.removedAt);

    button('Restore')?.click();
    const restore = http.expectOne('/api/imports/import-1/restore');
    expect(restore.request.method).toBe('POST');
    // One reading came back into the diary another way meanwhile: it is not written twice.
    restore.flush({ ...record, readings: 7 });
    await vi.waitFor(() => http.expectOne('/api/imports').flush({ items: [{ ...record, readings: 7 }] }));
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toBe('Restored: 7 readings of this import are back in your diary.');
    expect(button('Restore')).toBeUndefined();
    expect(button('Undo this import')).toBeDefined();
    expect(store.records()[0]?.removedAt).toBeNull();
    http.verify();
  });

  it('says why a removal failed and still offers the undo', async () => {
    const { fixture, http, element, button } = await open();
    button('Undo this import')?.click();
    await fixture.whenStable();
    button('Remove them')?.click();
    http
      .expectOne('/api/imports/import-1')
      .flush({ statusCode: 404, code: 'NOT_FOUND', message: 'No such import in your diary.' }, { status: 404, statusText: 'Not Found' });
    await vi.waitFor(() => expect(element.querySelector('[role=alert]')?.textContent).toBe('No such import in your diary.'));
    await fixture.whenStable();
    expect(button('Undo this import')).toBeDefined();
    expect(element.querySelector('[role=status]')).toBeNull();
  });
});
