import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { IDEMPOTENCY_KEY_HEADER, type CreateReadingBody } from '@glucodiary/contracts';
// idb checks `instanceof IDBRequest`: the fake's classes as globals, a fresh database per test below.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readingFixture } from '../../shared/testing/reading.testing';
import { AuthStore, RELOAD_PAGE, SESSION_STORAGE } from '../auth/auth.store';
import { login, memoryStorage } from '../auth/auth.testing';
import { INDEXED_DB } from '../offline/device-database';
import { Outbox, RETRY_MS } from './outbox';

const body: CreateReadingBody = { takenAt: '2026-07-01T10:30:00.000Z', value: 142, unit: 'mg/dL', context: 'before_meal' };
const offline = (request: TestRequest) => request.error(new ProgressEvent('error'), { status: 0, statusText: '' });
const backOnline = () => window.dispatchEvent(new Event('online'));

/** A signed-in app with its own empty device database (`database`: the same device again, after a reload). */
function startApp(database = new IDBFactory(), user = login) {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: INDEXED_DB, useValue: database },
      { provide: SESSION_STORAGE, useValue: memoryStorage() },
      { provide: RELOAD_PAGE, useValue: () => undefined },
    ],
  });
  TestBed.inject(AuthStore).signedIn(user);
  const outbox = TestBed.inject(Outbox);
  TestBed.tick();
  const http = TestBed.inject(HttpTestingController);
  /** What the app sends when it starts: nothing on an empty device. */
  const started = outbox.flush();
  return { outbox, http, database, started };
}

/** Logs a reading while the API cannot be reached: it waits on the device. */
async function logOffline(outbox: Outbox, http: HttpTestingController) {
  const submitted = outbox.submit({ kind: 'reading', body });
  const first = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
  const key = first.request.headers.get(IDEMPOTENCY_KEY_HEADER) ?? 'none';
  offline(first);
  return { outcome: await submitted, key };
}

describe('Outbox', () => {
  afterEach(() => vi.useRealTimers());

  it('sends a new entry with an idempotency key, and only keeps it when the API did not take it', async () => {
    const { outbox, http, started } = startApp();
    await started;
    const submitted = outbox.submit({ kind: 'reading', body });
    const request = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    expect(request.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(readingFixture({ id: 'r1' }), { status: 201, statusText: 'Created' });
    expect((await submitted).stored?.id).toBe('r1');
    expect(outbox.entries()).toEqual([]);
  });

  it('has the entry on the device before its first answer: a tab closed meanwhile loses nothing, and the next start sends it under its key', async () => {
    const { outbox, http, database, started } = startApp();
    await started;
    void outbox.submit({ kind: 'reading', body });
    const first = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    const key = first.request.headers.get(IDEMPOTENCY_KEY_HEADER);
    // The tab is closed while the answer is on its way: the same device starts the app again.
    const again = startApp(database);
    const resent = await vi.waitFor(() => again.http.expectOne({ method: 'POST', url: '/api/readings' }));
    expect(resent.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe(key);
    resent.flush(readingFixture({ id: 'r1' }), { status: 200, statusText: 'OK' });
    await again.started;
    await vi.waitFor(() => expect(again.outbox.entries()).toEqual([]));
  });

  it('keeps an entry logged offline and sends it when the connection returns, under the key made when it was logged', async () => {
    const { outbox, http, started } = startApp();
    await started;
    const { outcome, key } = await logOffline(outbox, http);
    expect(outcome.queued?.key).toBe(key);
    expect(outbox.waiting().map((entry) => [entry.key, entry.body])).toEqual([[key, body]]);

    backOnline();
    const retry = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    expect(retry.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe(key);
    expect(retry.request.body).toEqual(body);
    retry.flush(readingFixture({ id: 'r1' }), { status: 201, statusText: 'Created' });

    await vi.waitFor(() => expect(outbox.entries()).toEqual([]));
    expect(outbox.deliveries().map((delivery) => delivery.stored.id)).toEqual(['r1']);
  });

  it('sends the same key on every try: a failing server, then a retry on its own after a wait, then the answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { outbox, http, started } = startApp();
    await started;
    const { key } = await logOffline(outbox, http);

    vi.advanceTimersByTime(RETRY_MS.first);
    const second = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    second.flush({ code: 'INTERNAL' }, { status: 503, statusText: 'Service Unavailable' });
    await vi.waitFor(() => expect(outbox.sending().size).toBe(0));
    expect(outbox.waiting()).toHaveLength(1);

    // The next wait is longer: nothing is sent after the first one again.
    vi.advanceTimersByTime(RETRY_MS.first);
    http.expectNone({ method: 'POST', url: '/api/readings' });
    vi.advanceTimersByTime(RETRY_MS.first);
    const third = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    expect([second, third].map((request) => request.request.headers.get(IDEMPOTENCY_KEY_HEADER))).toEqual([key, key]);
    // The API had stored it on the lost try: it answers with that reading, and the entry is done.
    third.flush(readingFixture({ id: 'r1' }), { status: 200, statusText: 'OK', headers: { 'idempotent-replayed': 'true' } });
    await vi.waitFor(() => expect(outbox.entries()).toEqual([]));
  });

  it('keeps an entry the API refused with its reason, sends it no more, and lets the user discard it', async () => {
    const { outbox, http, started } = startApp();
    await started;
    const { key } = await logOffline(outbox, http);
    backOnline();
    const retry = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    retry.flush(
      { statusCode: 400, code: 'VALIDATION_FAILED', message: 'x', details: [{ field: 'takenAt', message: 'must not be in the future' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await vi.waitFor(() => expect(outbox.refused().map((entry) => entry.key)).toEqual([key]));
    expect(outbox.refused()[0]?.reason).toBe('Taken at must not be in the future');

    backOnline();
    await outbox.flush();
    http.expectNone({ method: 'POST', url: '/api/readings' });

    await outbox.discard(key);
    expect(outbox.entries()).toEqual([]);
  });

  it('waits for the session when the API asks to sign in again (401) instead of dropping or refusing the entry', async () => {
    const { outbox, http, started } = startApp();
    await started;
    await logOffline(outbox, http);
    backOnline();
    const retry = await vi.waitFor(() => http.expectOne({ method: 'POST', url: '/api/readings' }));
    retry.flush({ code: 'UNAUTHORIZED' }, { status: 401, statusText: 'Unauthorized' });
    await vi.waitFor(() => expect(outbox.sending().size).toBe(0));
    expect(outbox.waiting()).toHaveLength(1);
  });

  it("keeps entries on the device across a reload, for their own user only, and sends them when the app starts", async () => {
    const first = startApp();
    await first.started;
    const { key } = await logOffline(first.outbox, first.http);

    const someoneElse = startApp(first.database, { ...login, user: { ...login.user, id: 'u2' } });
    await someoneElse.started;
    someoneElse.http.expectNone({ method: 'POST', url: '/api/readings' });
    expect(someoneElse.outbox.entries()).toEqual([]);

    const again = startApp(first.database);
    const sent = await vi.waitFor(() => again.http.expectOne({ method: 'POST', url: '/api/readings' }));
    expect(sent.request.headers.get(IDEMPOTENCY_KEY_HEADER)).toBe(key);
  });
});
