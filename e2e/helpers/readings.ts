import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * An access token of the signed-in page's session, to prepare data through the API quickly. The
 * page keeps its own in memory only, so this exchanges the page's refresh cookie as the app does
 * (under the app's lock, so the two never send the same cookie).
 */
export async function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate(() =>
    navigator.locks.request('glucodiary-session-refresh', async () => {
      const response = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`refresh answered ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    }),
  );
}

/** Adds readings through the API (what the form does, or a sensor app's upload, without typing each one). */
export async function addReadings(
  request: APIRequestContext,
  token: string,
  readings: { minutesAgo: number; value: number; unit?: 'mg/dL' | 'mmol/L'; context?: string; kind?: 'sensor' | 'fingerstick' }[],
): Promise<void> {
  for (const reading of readings) {
    const response = await request.post('/api/readings', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        takenAt: new Date(Date.now() - reading.minutesAgo * 60_000).toISOString(),
        value: reading.value,
        unit: reading.unit ?? 'mg/dL',
        context: reading.context ?? 'other',
        ...(reading.kind === 'sensor' ? { kind: 'sensor', source: 'sensor_history' } : {}),
      },
    });
    expect(response.status()).toBe(201);
  }
}
