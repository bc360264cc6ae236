import type { LoginResponse } from '@glucodiary/contracts';

/** Test data for the auth specs: a Storage in memory and a sign-in answer (a browser's: the refresh token is a cookie). */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

export const login: LoginResponse = {
  accessToken: 'token-1',
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshExpiresIn: 30 * 24 * 3600,
  user: {
    id: 'u1',
    email: 'ada@example.test',
    displayName: 'Ada',
    preferredUnit: 'mmol/L',
    targetRange: { low: 3.9, high: 10, unit: 'mmol/L' },
    timeZone: 'Europe/London',
    gramsPerServing: 10,
    insulinNames: [],
    language: 'en',
    formatLocale: 'en-US',
    createdAt: '2026-01-01T00:00:00.000Z',
  },
};
