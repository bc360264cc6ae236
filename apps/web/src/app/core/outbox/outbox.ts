import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER, type CreateReadingBody, type CreateTreatmentBody, type Reading, type Treatment } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { describeHttpError } from '../api/api-error';
import { AuthStore } from '../auth/auth.store';
import { isConnectionFailure } from '../offline/connection-failure';
import { DeviceDatabase } from '../offline/device-database';
import { newIdempotencyKey } from './idempotency-key';
import type { OutboxEntry, OutboxKind } from './outbox-entry';
import { withBrowserLock } from '../../shared/browser/browser-lock';

const ENDPOINT: Readonly<Record<OutboxKind, string>> = { reading: '/api/readings', treatment: '/api/treatments' };

/** An attempt that gets no answer in this time counts as offline (a captive portal, a dead Wi-Fi). */
export const SEND_TIMEOUT_MS = 20_000;
/** Waits between tries while the API cannot be reached: doubling from the first, never above the last. */
export const RETRY_MS = { first: 5_000, max: 300_000 };

/** What came of logging an entry: stored by the API, or kept on this device to be sent later. */
export type SubmitOutcome = { stored: Reading | Treatment; queued?: undefined } | { stored?: undefined; queued: OutboxEntry };

/** An entry the outbox delivered, numbered so a page handles each once. */
export type Delivery = { seq: number } & ({ kind: 'reading'; stored: Reading } | { kind: 'treatment'; stored: Treatment });

type NewEntry = { kind: 'reading'; body: CreateReadingBody } | { kind: 'treatment'; body: CreateTreatmentBody };

/** How many deliveries a page that has not yet looked can still catch up on. */
const DELIVERIES_KEPT = 100;

/**
 * Readings and treatments logged while the API cannot be reached wait here, on this device
 * (IndexedDB, per user, so a reload keeps them), and are sent when the connection returns: at the
 * `online` event, when the app starts or someone signs in, and on a doubling retry. Each entry
 * keeps the idempotency key made when the user pressed Save, so an attempt whose answer was lost
 * and is sent again is stored once. A refusal (4xx) is not retried: the entry stays with the
 * API's reason until the user sends it again or discards it. A 401 waits for the session: the
 * interceptors refresh it, or bring the user to sign in, after which the entries go.
 */
@Injectable({ providedIn: 'root' })
export class Outbox {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly database = inject(DeviceDatabase);
  private readonly shown = signal<readonly OutboxEntry[]>([]);
  private readonly inFlight = signal<ReadonlySet<string>>(new Set());
  /** Entries on their first attempt from the form: on the device already, but not waiting (yet). */
  private readonly firstAttempts = new Set<string>();
  private readonly delivered = signal<readonly Delivery[]>([]);
  private seq = 0;
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failuresInRow = 0;

  /** The signed-in user's entries not yet stored, oldest first. */
  readonly entries = this.shown.asReadonly();
  readonly waiting = computed(() => this.shown().filter((entry) => entry.state === 'waiting'));
  readonly refused = computed(() => this.shown().filter((entry) => entry.state === 'refused'));
  /** Idempotency keys of the entries being sent right now. */
  readonly sending = this.inFlight.asReadonly();
  /** The latest entries delivered, for pages to show them (see onOutboxDelivery). */
  readonly deliveries = this.delivered.asReadonly();

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        this.shown.set([]);
        // Sending reads the user's entries and lists what is left; a send for the previous user
        // still under way stops at its next entry, and this user's round follows it.
        if (userId) {
          void (this.flushing ?? Promise.resolve())
            .catch(ignoreNoDeviceStorage)
            .then(() => this.flush())
            .catch(ignoreNoDeviceStorage);
        }
      });
    });
    const online = () => void this.flush().catch(ignoreNoDeviceStorage);
    window.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', online);
      this.cancelRetry();
    });
  }

  /**
   * Sends a new entry with a fresh idempotency key; if the API cannot be reached (or the session
   * needs signing in again), keeps it to send later under the same key. A refusal is thrown, for
   * the form to show beside the fields.
   */
  async submit(entry: NewEntry): Promise<SubmitOutcome> {
    const userId = this.auth.user()?.id ?? '';
    const kept = { ...entry, key: newIdempotencyKey(), userId, queuedAt: Date.now(), state: 'waiting', reason: null } as OutboxEntry;
    // On the device before the first attempt: a tab closed or killed while the answer is on its
    // way must not lose the entry (sent again, its key stores it once).
    this.firstAttempts.add(kept.key);
    const db = userId ? await this.keep(kept) : null;
    this.inFlight.update((keys) => new Set(keys).add(kept.key));
    try {
      const stored = await this.post(kept);
      await db?.delete('outbox', kept.key);
      return { stored };
    } catch (error) {
      // Signed out meanwhile (or never signed in), refused, or nowhere to wait on this device: the form says why.
      if (!db || this.auth.user()?.id !== userId || !mayWorkLater(error)) {
        await db?.delete('outbox', kept.key);
        throw error;
      }
      this.firstAttempts.delete(kept.key);
      this.shown.update((shown) => [...shown.filter((shownEntry) => shownEntry.key !== kept.key), kept]);
      this.scheduleRetry();
      return { queued: kept };
    } finally {
      this.firstAttempts.delete(kept.key);
      this.inFlight.update((keys) => new Set([...keys].filter((key) => key !== kept.key)));
    }
  }

  /** The device database with the entry stored in it, or null where this device keeps nothing. */
  private async keep(entry: OutboxEntry) {
    try {
      const db = await this.database.open();
      await db.put('outbox', entry);
      return db;
    } catch {
      return null;
    }
  }

  /** Sends the waiting entries of the signed-in user, oldest first; one at a time across tabs. */
  flush(): Promise<void> {
    this.flushing ??= withBrowserLock('glucodiary-outbox', () => this.sendWaiting()).finally(() => (this.flushing = null));
    return this.flushing;
  }

  /** Puts a refused entry back in line (the user fixed what the API refused, e.g. in Settings). */
  async retry(key: string): Promise<void> {
    const db = await this.database.open();
    const entry = await db.get('outbox', key);
    if (!entry) return;
    await db.put('outbox', { ...entry, state: 'waiting', reason: null });
    await this.reload(entry.userId);
    // A send under way read its entries before this one was back in line: another round after it.
    await this.flushing;
    await this.flush();
  }

  async discard(key: string): Promise<void> {
    await (await this.database.open()).delete('outbox', key);
    this.shown.update((shown) => shown.filter((entry) => entry.key !== key));
  }

  private async sendWaiting(): Promise<void> {
    const userId = this.auth.user()?.id;
    if (!userId) return;
    this.cancelRetry();
    const db = await this.database.open();
    // Read afresh: another tab may have sent some meanwhile.
    const waiting = (await db.getAllFromIndex('outbox', 'byUser', userId)).filter((entry) => entry.state === 'waiting').sort(byQueuedAt);
    try {
      for (const entry of waiting) {
        if (this.auth.user()?.id !== userId) return;
        // Being sent by this tab's form right now, or discarded in another tab since the list was read.
        if (this.firstAttempts.has(entry.key) || !(await db.get('outbox', entry.key))) continue;
        this.inFlight.update((keys) => new Set(keys).add(entry.key));
        try {
          const stored = await this.post(entry);
          await db.delete('outbox', entry.key);
          // Another user signed in meanwhile: their pages must not show this user's entry.
          if (this.auth.user()?.id === userId) this.announce(entry.kind, stored);
        } catch (error) {
          if (mayWorkLater(error)) {
            this.scheduleRetry();
            return;
          }
          if (await db.get('outbox', entry.key)) await db.put('outbox', { ...entry, state: 'refused', reason: describeHttpError(error) });
        } finally {
          this.inFlight.update((keys) => new Set([...keys].filter((key) => key !== entry.key)));
        }
      }
      this.failuresInRow = 0;
    } finally {
      if (this.auth.user()?.id === userId) await this.reload(userId);
    }
  }

  private post(entry: OutboxEntry): Promise<Reading | Treatment> {
    const headers = { [IDEMPOTENCY_KEY_HEADER]: entry.key };
    return firstValueFrom(this.http.post<Reading | Treatment>(ENDPOINT[entry.kind], entry.body, { headers, timeout: SEND_TIMEOUT_MS }));
  }

  private announce(kind: OutboxKind, stored: Reading | Treatment): void {
    const delivery = { seq: ++this.seq, kind, stored } as Delivery;
    this.delivered.update((deliveries) => [...deliveries, delivery].slice(-DELIVERIES_KEPT));
  }

  private async reload(userId: string): Promise<void> {
    const entries = await (await this.database.open()).getAllFromIndex('outbox', 'byUser', userId);
    if (this.auth.user()?.id === userId) this.shown.set(entries.filter((entry) => !this.firstAttempts.has(entry.key)).sort(byQueuedAt));
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const wait = Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** this.failuresInRow);
    this.failuresInRow += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush().catch(ignoreNoDeviceStorage);
    }, wait);
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

}

const byQueuedAt = (a: OutboxEntry, b: OutboxEntry) => a.queuedAt - b.queuedAt;

/** A browser without IndexedDB (or refusing it, as some private windows do) has an outbox that stays empty. */
const ignoreNoDeviceStorage = () => undefined;

/**
 * No answer, a failing server, a session to renew (401), or no HTTP answer at all (the request
 * was cancelled): the entry waits rather than being dropped. Only the API's refusal is final.
 */
function mayWorkLater(error: unknown): boolean {
  return !(error instanceof HttpErrorResponse) || isConnectionFailure(error) || error.status === 401;
}

/** Runs `handle` with the entries the outbox delivers from now on (not those before the page opened). */
export function onOutboxDelivery(handle: (deliveries: readonly Delivery[]) => void): void {
  const outbox = inject(Outbox);
  let seen = outbox.deliveries().at(-1)?.seq ?? 0;
  effect(() => {
    const fresh = outbox.deliveries().filter((delivery) => delivery.seq > seen);
    if (fresh.length === 0) return;
    seen = fresh.at(-1)?.seq ?? seen;
    untracked(() => handle(fresh));
  });
}
