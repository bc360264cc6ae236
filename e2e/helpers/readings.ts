import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The access token of the signed-in page, to prepare data through the API quickly. */
export async function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('glucodiary.session') ?? '{}').accessToken as string);
}

/** Adds readings through the API (what the form does, without typing each one). */
export async function addReadings(
  request: APIRequestContext,
  token: string,
  readings: { minutesAgo: number; value: number; unit?: 'mg/dL' | 'mmol/L'; context?: string }[],
): Promise<void> {
  for (const reading of readings) {
    const response = await request.post('/api/readings', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        takenAt: new Date(Date.now() - reading.minutesAgo * 60_000).toISOString(),
        value: reading.value,
        unit: reading.unit ?? 'mg/dL',
        context: reading.context ?? 'other',
      },
    });
    expect(response.status()).toBe(201);
  }
}
