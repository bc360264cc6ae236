import { MAX_TIMER_MS } from '../timers';

/**
 * Timeouts of a connection's pending requests without a timer per request. Requests sent with
 * the same timeout expire in the order they were sent, so each timeout length gets a queue
 * (a lane) of deadlines and one timer for the oldest entry still pending. Requests mostly settle
 * in the order they were sent, so settled ones are dropped from the front as they settle; a
 * timer that fires for a settled request just re-arms for the lane's new front. While the
 * front waits, later entries stay queued behind it (two numbers each): memory is bounded by the
 * requests sent within one timeout.
 */
interface Lane {
  timeoutMs: number;
  ids: number[];
  deadlines: number[];
  /** Index of the lane's front: entries before it are gone. */
  head: number;
  timer: NodeJS.Timeout | undefined;
}

/** Fronts dropped before a lane's arrays are compacted. */
const COMPACT_AFTER = 1024;

export class RequestDeadlines {
  private readonly lanes = new Map<number, Lane>();

  constructor(
    /** Whether the request still waits for its answer. */
    private readonly isPending: (id: number) => boolean,
    /** Called once for each request whose deadline passed while it was pending. */
    private readonly expire: (id: number, timeoutMs: number) => void,
  ) {}

  add(id: number, timeoutMs: number): void {
    let lane = this.lanes.get(timeoutMs);
    if (!lane) {
      lane = { timeoutMs, ids: [], deadlines: [], head: 0, timer: undefined };
      this.lanes.set(timeoutMs, lane);
    }
    lane.ids.push(id);
    lane.deadlines.push(performance.now() + timeoutMs);
    if (!lane.timer) this.arm(lane);
  }

  /** A request of this lane settled: drop the settled requests at its front. */
  settled(timeoutMs: number): void {
    const lane = this.lanes.get(timeoutMs);
    if (!lane) return;
    while (lane.head < lane.ids.length && !this.isPending(lane.ids[lane.head]!)) lane.head++;
    this.compact(lane);
  }

  /** Stops every timer (the connection closed and rejected its pending requests itself). */
  clear(): void {
    for (const lane of this.lanes.values()) clearTimeout(lane.timer);
    this.lanes.clear();
  }

  private arm(lane: Lane): void {
    // Capped: Node fires a longer delay after 1 ms; the timer re-arms until the deadline.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(lane.deadlines[lane.head]! - performance.now())));
    lane.timer = setTimeout(() => this.fire(lane), delay);
  }

  private fire(lane: Lane): void {
    lane.timer = undefined;
    const now = performance.now();
    while (lane.head < lane.ids.length) {
      const id = lane.ids[lane.head]!;
      const pending = this.isPending(id);
      if (pending && lane.deadlines[lane.head]! > now) break;
      lane.head++; // first: `expire` may settle requests, which moves the front too
      if (pending) this.expire(id, lane.timeoutMs);
    }
    this.compact(lane);
    if (lane.head < lane.ids.length && this.lanes.get(lane.timeoutMs) === lane) this.arm(lane);
  }

  private compact(lane: Lane): void {
    if (lane.head === lane.ids.length) {
      lane.ids.length = 0;
      lane.deadlines.length = 0;
      lane.head = 0;
    } else if (lane.head >= COMPACT_AFTER && lane.head * 2 >= lane.ids.length) {
      lane.ids.splice(0, lane.head);
      lane.deadlines.splice(0, lane.head);
      lane.head = 0;
    }
  }
}
