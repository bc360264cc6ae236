import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** One request on a fresh connection (no keep-alive), so each reaches whichever instance is alive. */
export function http(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        timeout: 10_000,
        headers: { ...(payload && { 'content-type': 'application/json' }), ...options.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`timeout: ${url}`)));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
