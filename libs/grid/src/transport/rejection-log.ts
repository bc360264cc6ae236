import type { Logger } from '../logger';

export interface RejectionLogOptions {
  /** Lines logged one by one per window. */
  burst: number;
  windowMs: number;
}

/**
 * Logs rejected connections without letting a flood of them flood the log: the first `burst`
 * of a window are logged one by one, the rest are counted and reported in one line per
 * message when the window ends.
 */
export class RejectionLog {
  private windowStart = 0;
  private loggedInWindow = 0;
  private readonly suppressed = new Map<string, number>();
  private summaryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly options: RejectionLogOptions = { burst: 10, windowMs: 10_000 },
  ) {}

  warn(message: string, context: Record<string, unknown>): void {
    const now = Date.now();
    if (now - this.windowStart >= this.options.windowMs) {
      this.reportSuppressed();
      this.windowStart = now;
      this.loggedInWindow = 0;
    }
    if (this.loggedInWindow < this.options.burst) {
      this.loggedInWindow++;
      this.logger.warn(message, context);
      return;
    }
    this.suppressed.set(message, (this.suppressed.get(message) ?? 0) + 1);
    // Reported when the window ends even if the flood stopped; the timer does not keep the process alive.
    this.summaryTimer ??= setTimeout(() => this.reportSuppressed(), this.windowStart + this.options.windowMs - now).unref();
  }

  /** Reports what is still counted; call when stopping. */
  stop(): void {
    this.reportSuppressed();
  }

  private reportSuppressed(): void {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    for (const [message, count] of this.suppressed) {
      this.logger.warn(message, { notLoggedOneByOne: count, windowMs: this.options.windowMs });
    }
    this.suppressed.clear();
  }
}
