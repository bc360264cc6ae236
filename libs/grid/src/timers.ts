/** The longest delay Node's timers take; longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves once `done()` holds or the `deadline` (epoch ms) has passed, checking every 20 ms. */
export async function pollUntil(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
