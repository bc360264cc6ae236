import { HttpClient, HttpEventType } from '@angular/common/http';
import { DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { Subscription } from 'rxjs';
import { AuthStore } from '../auth/auth.store';

/** What changed in the diary, as the server's live stream names it. */
export type DiaryChangeKind = 'readings' | 'treatments' | 'device-status';

/** The latest change heard, numbered so that a page can react to each one once. */
export interface DiaryChangeHeard {
  count: number;
  kinds: readonly DiaryChangeKind[];
}

/** Waits before opening the stream again: quick after a normal end, longer after each failure in a row. */
const RECONNECT_MS = { afterEnd: 500, firstFailure: 2_000, maxFailure: 60_000 };

/**
 * The diary's live updates: while someone is signed in, one stream from `GET /api/live` (Server-
 * Sent Events, read through HttpClient so the access token and its refresh apply) tells when an
 * app uploaded something. Pages reload what they show when `change` moves; a lost stream is
 * opened again, one that ended (token lifetime, a stopping instance) at once.
 */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly heard = signal<DiaryChangeHeard>({ count: 0, kinds: [] });
  private stream: Subscription | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  /** The latest change; `count` 0 until one is heard. */
  readonly change = this.heard.asReadonly();

  constructor() {
    effect(() => {
      const signedIn = this.auth.isSignedIn();
      untracked(() => (signedIn ? this.open() : this.close()));
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  private open(): void {
    if (this.stream || this.retry) return;
    let read = 0;
    this.stream = this.http.get('/api/live', { observe: 'events', reportProgress: true, responseType: 'text' }).subscribe({
      next: (event) => {
        if (event.type !== HttpEventType.DownloadProgress || event.partialText === undefined) return;
        this.failures = 0;
        // Events are blocks ending in a blank line; the text so far may end inside one.
        const end = event.partialText.lastIndexOf('\n\n');
        if (end < read) return;
        for (const block of event.partialText.slice(read, end).split('\n\n')) this.take(block);
        read = end + 2;
      },
      error: () => this.reopen(++this.failures),
      complete: () => this.reopen(0),
    });
  }

  private take(block: string): void {
    const lines = block.split('\n');
    if (!lines.includes('event: change')) return;
    try {
      const data = JSON.parse(lines.find((line) => line.startsWith('data: '))?.slice(6) ?? '{}') as { kinds?: DiaryChangeKind[] };
      this.heard.update(({ count }) => ({ count: count + 1, kinds: data.kinds ?? [] }));
    } catch {
      // A malformed event tells nothing.
    }
  }

  private reopen(failures: number): void {
    this.stream = null;
    if (!this.auth.isSignedIn()) return;
    const wait = failures === 0 ? RECONNECT_MS.afterEnd : Math.min(RECONNECT_MS.maxFailure, RECONNECT_MS.firstFailure * 2 ** (failures - 1));
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.auth.isSignedIn()) this.open();
    }, wait);
  }

  private close(): void {
    this.stream?.unsubscribe();
    this.stream = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.failures = 0;
  }
}

/** Runs `reload` after each change heard that is of one of `kinds` (not for the state before the page opened). */
export function reloadOnLiveChange(kinds: readonly DiaryChangeKind[], reload: () => void): void {
  const live = inject(LiveUpdates);
  const seen = live.change().count;
  effect(() => {
    const change = live.change();
    if (change.count > seen && change.kinds.some((kind) => kinds.includes(kind))) untracked(reload);
  });
}
