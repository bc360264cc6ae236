/**
 * Adds the last 24 hours of a CGM (a reading every 5 minutes) to the demo diary, the way an
 * uploader app sends them: a device secret, then Nightscout's POST /api/v1/entries. The dashboard
 * then shows a sensor trend and the "Sensor active" card besides the finger-sticks.
 */
const EVERY_MS = 5 * 60_000;
const READINGS = 288;

export async function uploadSensorDay(base: string, account: { email: string; password: string }): Promise<number> {
  const token = (await json<{ accessToken: string }>(base, '/api/auth/login', account)).accessToken;
  const device = await json<{ secret: string }>(base, '/api/devices', { name: 'Bench CGM', scope: 'upload' }, { authorization: `Bearer ${token}` });
  const now = Date.now();
  const entries = Array.from({ length: READINGS }, (_, i) => {
    const date = now - (READINGS - i) * EVERY_MS;
    // A smooth daily swing with a meal-sized bump every 6 hours: plausible, and the same every run.
    const sgv = Math.round(125 + 35 * Math.sin((2 * Math.PI * i) / READINGS) + 40 * Math.max(0, Math.sin((2 * Math.PI * i) / 72)));
    return { type: 'sgv', sgv, date, dateString: new Date(date).toISOString(), direction: 'Flat', device: 'bench-cgm' };
  });
  await json(base, '/api/v1/entries', entries, { 'api-secret': device.secret });
  return entries.length;
}

async function json<T>(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
