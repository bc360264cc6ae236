import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import createError from '@fastify/error';

export interface LiveRoutesOptions {
  /** A stream lasts at most this long (the access token's lifetime): the page then opens one with a fresh token. */
  maxStreamMs: number;
  /** How often a comment keeps proxies from closing an idle stream, and the session is checked again. */
  heartbeatMs?: number;
}

/** Live pages one user may hold open on one instance (tabs and devices). */
const STREAMS_PER_USER = 10;
const TooManyStreamsError = createError('TOO_MANY_STREAMS', 'Too many live pages are open for this account; close some tabs.', 429);

/**
 * `GET /api/live`: Server-Sent Events telling a signed-in page when its diary changed (an app
 * uploaded readings, treatments or a status), whichever instance stored it. An event names what
 * changed, never the data: the page loads that as usual, with its own checks. The stream ends
 * when the session does (checked with each heartbeat), when its token would expire, and when the
 * instance stops; the page then opens a new one.
 */
export const liveRoutes: FastifyPluginAsync<LiveRoutesOptions> = async (app, options) => {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const open = new Set<(reason?: 'ended' | 'expired' | 'closing') => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end('closing');
  });

  // Never compressed: a compressor holds events back until it has enough to pack.
  app.get('/live', { compress: false, schema: { tags: ['live'], description: 'Server-Sent Events: `change` with `{ kinds, at }` when the diary changed' } }, async (request, reply) => {
    const { id: userId, sessionId } = request.user;
    if (app.diaryChanges.listening(userId) >= STREAMS_PER_USER) throw new TooManyStreamsError();
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies (nginx) must pass each event on at once.
      'x-accel-buffering': 'no',
    });
    const send = (text: string) => void reply.raw.write(text);
    send(`retry: 3000\n\n: live\n\n`);

    const stopListening = app.diaryChanges.listen(userId, (change) => send(`event: change\ndata: ${JSON.stringify({ kinds: change.kinds, at: change.at })}\n\n`));
    const heartbeat = setInterval(() => {
      send(': keep-alive\n\n');
      app.sessions.isActive(sessionId, userId).then(
        (active) => active || end('ended'),
        () => undefined, // the check could not be made now: the next heartbeat tries again
      );
    }, heartbeatMs);
    const expiry = setTimeout(() => end('expired'), options.maxStreamMs);
    function end(reason?: 'ended' | 'expired' | 'closing'): void {
      if (!open.delete(end)) return;
      stopListening();
      clearInterval(heartbeat);
      clearTimeout(expiry);
      if (reason && !reply.raw.writableEnded) reply.raw.end(`event: ${reason}\ndata: {}\n\n`);
    }
    open.add(end);
    // The page went away (a closed tab, a lost connection).
    reply.raw.on('close', () => end());
    return reply as FastifyReply;
  });
};
