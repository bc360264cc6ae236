import { randomUUID } from 'node:crypto';
import { signedInUser, startTestApp, type TestApp } from '../testing/test-app';

// An offline outbox sends a new entry again until it hears back: the Idempotency-Key makes the
// second and later attempts answer with the entry the first one stored.
describe.each([
  { path: '/api/readings', entry: () => ({ takenAt: minutesAgo(5), value: 7.2, unit: 'mmol/L', context: 'before_meal', note: 'offline' }) },
  { path: '/api/treatments', entry: () => ({ takenAt: minutesAgo(5), type: 'insulin', units: 4.5, insulinKind: 'rapid' }) },
])('POST $path with an Idempotency-Key', ({ path, entry }) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  const post = (headers: Record<string, string>, payload: object, key?: string) =>
    app().inject({ method: 'POST', url: path, headers: key === undefined ? headers : { ...headers, 'idempotency-key': key }, payload });
  const stored = async (headers: Record<string, string>) => (await app().inject({ method: 'GET', url: path, headers })).json().items as { id: string }[];

  it('stores the entry once: the repeat answers 200 with the first entry and says it was replayed', async () => {
    const { headers } = await signedInUser(app());
    const key = randomUUID();
    const body = entry();
    const first = await post(headers, body, key);
    const again = await post(headers, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await stored(headers)).map((item) => item.id)).toEqual([first.json().id]);
  });

  it('stores once when attempts with the same key race, and every attempt gets that entry', async () => {
    const { headers } = await signedInUser(app());
    const key = randomUUID();
    const body = entry();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(headers, body, key)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(await stored(headers)).toHaveLength(1);
  });

  it('fingerprints the request, not its key order, and answers a repeat after an edit with the entry as it is now', async () => {
    const { headers } = await signedInUser(app());
    const key = randomUUID();
    const body = entry();
    const first = await post(headers, body, key);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const note = { note: 'edited' };
    expect((await app().inject({ method: 'PATCH', url: `${path}/${first.json().id}`, headers, payload: note })).statusCode).toBe(200);
    const again = await post(headers, reordered, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, ...note });
  });

  it('refuses a different entry under a used key with 422 and stores nothing for it', async () => {
    const { headers } = await signedInUser(app());
    const key = randomUUID();
    await post(headers, entry(), key);
    const other = await post(headers, { ...entry(), takenAt: minutesAgo(30) }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await stored(headers)).toHaveLength(1);
  });

  it("keeps keys per user: another user's entry under the same key is stored as theirs", async () => {
    const alice = await signedInUser(app());
    const bob = await signedInUser(app());
    const key = randomUUID();
    const body = entry();
    expect((await post(alice.headers, body, key)).statusCode).toBe(201);
    const bobs = await post(bob.headers, body, key);
    expect(bobs.statusCode).toBe(201);
    expect(await stored(bob.headers)).toEqual([expect.objectContaining({ id: bobs.json().id })]);
  });

  it('stores every request without a key (no key, no deduplication)', async () => {
    const { headers } = await signedInUser(app());
    const body = entry();
    expect([(await post(headers, body)).statusCode, (await post(headers, body)).statusCode]).toEqual([201, 201]);
    expect(await stored(headers)).toHaveLength(2);
  });

  it.each(['short', 'has space in it', 'x'.repeat(101), 'ключ-ключ-ключ'])('refuses the key %j with 400 naming the header', async (key) => {
    const { headers } = await signedInUser(app());
    const answer = await post(headers, entry(), key);
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(answer.json())).toContain('idempotency-key');
    expect(await stored(headers)).toHaveLength(0);
  });
});

function minutesAgo(minutes: number) {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}
