import { HttpClient, HttpErrorResponse, HttpParams, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
// idb checks `instanceof IDBRequest`: the fake's classes as globals, a fresh database per test below.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { firstValueFrom } from 'rxjs';
import { AuthStore, RELOAD_PAGE, SESSION_STORAGE } from '../auth/auth.store';
import { login, memoryStorage } from '../auth/auth.testing';
import { DeviceDatabase, INDEXED_DB } from './device-database';
import { MAX_COPIES_PER_USER, ReportCopies } from './report-copies';
import { reportCopyInterceptor } from './report-copy.interceptor';

const FROM = '2026-11-22T00:00:00.000Z';
/** The period's end is the moment of asking, different on every visit. */
let asked = 0;
const nextPeriod = () => new HttpParams().set('from', FROM).set('to', new Date(Date.UTC(2026, 11, 6, 9, 0, asked++)).toISOString());
const STATS_URL = (params: HttpParams) => `/api/stats?${params.toString()}`;
const stats = { count: 42 };

function startApp() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([reportCopyInterceptor])),
      provideHttpClientTesting(),
      { provide: INDEXED_DB, useValue: new IDBFactory() },
      { provide: SESSION_STORAGE, useValue: memoryStorage() },
      { provide: RELOAD_PAGE, useValue: () => undefined },
    ],
  });
  const auth = TestBed.inject(AuthStore);
  auth.signedIn(login);
  const copies = TestBed.inject(ReportCopies);
  TestBed.tick();
  const http = TestBed.inject(HttpTestingController);
  const client = TestBed.inject(HttpClient);
  const storedCopies = async () => (await TestBed.inject(DeviceDatabase).open()).getAll('report-copies');
  /** Asks for the statistics; `answer` plays the API's part. */
  const getStats = async (answer: 'online' | 'offline') => {
    const params = nextPeriod();
    const result = firstValueFrom(client.get('/api/stats', { params })).catch((error: unknown) => error);
    const request = http.expectOne(STATS_URL(params));
    if (answer === 'online') request.flush(stats);
    else request.error(new ProgressEvent('error'), { status: 0, statusText: '' });
    return result;
  };
  return { auth, copies, http, getStats, storedCopies };
}

describe('reportCopyInterceptor', () => {
  it("answers from the last copy of the same report and period when the API cannot be reached, and says it was a copy", async () => {
    const { copies, getStats, storedCopies } = startApp();
    expect(await getStats('online')).toEqual(stats);
    await vi.waitFor(async () => expect(await storedCopies()).toHaveLength(1));
    expect(copies.servedOffline().size).toBe(0);

    // Later, after a reload: the same period, up to a later moment.
    expect(await getStats('offline')).toEqual(stats);
    expect([...copies.servedOffline().keys()]).toEqual([`/api/stats?from=${FROM}`]);

    // A fresh answer from the API: no longer a copy.
    await getStats('online');
    expect(copies.servedOffline().size).toBe(0);
  });

  it('fails as before for a period never received, and for a refusal (4xx), which a copy must not hide', async () => {
    const { http, getStats, storedCopies } = startApp();
    expect(await getStats('offline')).toBeInstanceOf(HttpErrorResponse);
    await getStats('online');
    await vi.waitFor(async () => expect(await storedCopies()).toHaveLength(1));
    const params = nextPeriod();
    const refused = firstValueFrom(TestBed.inject(HttpClient).get('/api/stats', { params })).catch((error: unknown) => error);
    http.expectOne(STATS_URL(params)).flush({ code: 'VALIDATION_FAILED' }, { status: 400, statusText: 'Bad Request' });
    expect(((await refused) as HttpErrorResponse).status).toBe(400);
  });

  it('deletes every copy when the user signs out, so the next user of the device sees none of them', async () => {
    const { auth, getStats, storedCopies } = startApp();
    await getStats('online');
    await vi.waitFor(async () => expect(await storedCopies()).toHaveLength(1));

    auth.signedOut();
    TestBed.tick();
    await vi.waitFor(async () => expect(await storedCopies()).toEqual([]));
    auth.signedIn({ ...login, user: { ...login.user, id: 'u2' } });
    expect(await getStats('offline')).toBeInstanceOf(HttpErrorResponse);
  });

  it('keeps only the latest copies of each user', async () => {
    const { copies, storedCopies } = startApp();
    for (let n = 0; n <= MAX_COPIES_PER_USER; n++) await copies.keep('u1', `/api/stats?n=${n}`, { n }, 1_000 + n);
    const kept = (await storedCopies()).map((copy) => copy.url);
    expect(kept).toHaveLength(MAX_COPIES_PER_USER);
    expect(kept).not.toContain('/api/stats?n=0');
  });
});
