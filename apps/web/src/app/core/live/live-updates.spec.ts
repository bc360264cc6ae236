import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthStore, SESSION_STORAGE } from '../auth/auth.store';
import { login, memoryStorage } from '../auth/auth.testing';
import { LiveUpdates } from './live-updates';

/** The stream's text so far, as the HTTP client reports a response still arriving. */
const progress = (request: TestRequest, partialText: string) => request.event({ type: HttpEventType.DownloadProgress, loaded: partialText.length, partialText });

describe('LiveUpdates', () => {
  afterEach(() => vi.useRealTimers());

  function start() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_STORAGE, useValue: memoryStorage() }] });
    const auth = TestBed.inject(AuthStore);
    const live = TestBed.inject(LiveUpdates);
    const http = TestBed.inject(HttpTestingController);
    return { auth, live, http };
  }

  it('opens the stream while signed in and counts each change event, whole ones only, with what changed', () => {
    const { auth, live, http } = start();
    TestBed.tick();
    http.expectNone('/api/live');
    auth.signedIn(login);
    TestBed.tick();
    const stream = http.expectOne('/api/live');
    let text = 'retry: 3000\n\n: live\n\n';
    progress(stream, text);
    expect(live.change().count).toBe(0);
    text += 'event: change\ndata: {"kinds":["readings"],"at":"2026-12-05T10:00:00.000Z"}\n\nevent: change\ndata: {"kinds":["device-';
    progress(stream, text);
    expect(live.change()).toEqual({ count: 1, kinds: ['readings'] });
    text += 'status"]}\n\n: keep-alive\n\n';
    progress(stream, text);
    expect(live.change()).toEqual({ count: 2, kinds: ['device-status'] });
  });

  it('opens a new stream at once after one ended, later after failures, and none once signed out', () => {
    vi.useFakeTimers();
    const { auth, http } = start();
    auth.signedIn(login);
    TestBed.tick();
    http.expectOne('/api/live').flush('event: expired\ndata: {}\n\n');
    vi.advanceTimersByTime(500);
    http.expectOne('/api/live').error(new ProgressEvent('network down'));
    vi.advanceTimersByTime(1_999);
    http.expectNone('/api/live');
    vi.advanceTimersByTime(1);
    http.expectOne('/api/live').error(new ProgressEvent('network down'));
    vi.advanceTimersByTime(3_999);
    http.expectNone('/api/live');
    auth.signedOut();
    TestBed.tick();
    vi.advanceTimersByTime(60_000);
    http.expectNone('/api/live');
  });
});
