import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userWithDevice } from '../../testing/device-secret';
import { signedInUser, startTestCluster, type TestCluster } from '../../testing/test-app';

/** An open live stream: the events it has brought so far, as `event` and `data` pairs. */
interface LiveStream {
  status: number;
  events: { event: string; data: string }[];
  ended: Promise<void>;
  close(): void;
}

function openLive(port: number, headers: Record<string, string>): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/api/live', headers, agent: false }, (response: IncomingMessage) => {
      const events: LiveStream['events'] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          const event = field('event');
          if (event) events.push({ event, data: field('data') ?? '' });
        }
      });
      const ended = new Promise<void>((done) => response.on('close', () => done()));
      resolve({ status: response.statusCode ?? 0, events, ended, close: () => outgoing.destroy() });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('live updates of the diary across API instances', () => {
  let cluster: TestCluster;
  const ports: number[] = [];
  beforeAll(async () => {
    // A one-second heartbeat, so a stream's session is checked again quickly (25 s unless configured).
    cluster = await startTestCluster(2, { ACCESS_TOKEN_TTL_SECONDS: '60', LIVE_HEARTBEAT_SECONDS: '1' });
    for (const instance of cluster.instances) {
      await instance.app.listen({ host: '127.0.0.1', port: 0 });
      ports.push((instance.app.server.address() as AddressInfo).port);
    }
  });
  afterAll(() => cluster.close());
  const instance = (index: number) => cluster.instances[index]!.app;

  it("tells a page on one instance at once when an app uploads on another, naming what changed; never another user's page", async () => {
    const owner = await userWithDevice(instance(0));
    const stranger = await signedInUser(instance(0));
    const [page, strangersPage] = await Promise.all([openLive(ports[0]!, owner.headers), openLive(ports[0]!, stranger.headers)]);
    expect(page.status).toBe(200);

    const upload = await instance(1).inject({ method: 'POST', url: '/api/v1/entries', headers: owner.apiSecret, payload: [{ sgv: 130, date: Date.now() - 60_000 }] });
    expect(upload.statusCode).toBe(200);
    await vi.waitFor(() => expect(page.events).toEqual([{ event: 'change', data: expect.stringContaining('"kinds":["readings"]') }]), { timeout: 5000 });

    await instance(1).inject({ method: 'POST', url: '/api/v1/devicestatus', headers: owner.apiSecret, payload: { uploaderBattery: 50 } });
    await vi.waitFor(() => expect(page.events.map((e) => JSON.parse(e.data).kinds)).toEqual([['readings'], ['device-status']]), { timeout: 5000 });
    expect(strangersPage.events).toEqual([]);
    page.close();
    strangersPage.close();
  });

  it('refuses a page without a live session, and ends an open stream when its session is signed out on another instance', async () => {
    expect((await openLive(ports[0]!, {})).status).toBe(401);
    const { headers } = await signedInUser(instance(0));
    const page = await openLive(ports[1]!, headers);
    expect(page.status).toBe(200);
    expect((await instance(0).inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBeLessThan(300);
    // A new stream with the token is refused at once; the open one ends by the next heartbeat.
    expect((await openLive(ports[1]!, headers)).status).toBe(401);
    await page.ended;
    expect(page.events.at(-1)?.event).toBe('ended');
  });

  it('ends every open stream when the instance stops, telling the page to come back', async () => {
    const extra = await startTestCluster(1);
    try {
      await extra.instances[0]!.app.listen({ host: '127.0.0.1', port: 0 });
      const port = (extra.instances[0]!.app.server.address() as AddressInfo).port;
      const { headers } = await signedInUser(extra.instances[0]!.app);
      const page = await openLive(port, headers);
      const closing = extra.instances[0]!.app.close();
      await page.ended;
      await closing;
      expect(page.events.at(-1)?.event).toBe('closing');
    } finally {
      await extra.close().catch(() => undefined);
    }
  });
});
