/** Polls `condition` until it holds or `timeoutMs` passes; the failure message names what was awaited. */
export async function waitFor(
  description: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface CapturedLog {
  level: string;
  message: string;
  context?: Record<string, unknown>;
}

export function captureLogger(): { logger: import('../logger').Logger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const push = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push({ level, message, context });
  };
  return { lines, logger: { debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') } };
}
