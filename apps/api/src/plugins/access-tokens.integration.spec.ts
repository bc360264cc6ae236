import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { signedInUser, startTestApp, type TestApp } from '../testing/test-app';

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

/** A token as anyone could write it: header, claims and a signature of their choosing. */
function token(header: object, claims: object, sign: (input: string) => string): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign(input)}`;
}

describe('access tokens other than our own are refused with 401 in the common shape, never 500', () => {
  let testApp: TestApp;
  let claims: { sub: string; sid: string };
  let hmac: (algorithm: string) => (input: string) => string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const { accessToken } = await signedInUser(testApp.app);
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string; sid: string };
    claims = { sub: payload.sub, sid: payload.sid };
    hmac = (algorithm) => (input) => createHmac(algorithm, testApp.config.jwtSecret).update(input).digest('base64url');
  });
  afterAll(() => testApp.close());

  const now = () => Math.floor(Date.now() / 1000);
  const me = (bearer: string) => testApp.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${bearer}` } });

  it('accepts its own kind: HS256 with our secret, an expiry, the user and session', async () => {
    const response = await me(token({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now(), exp: now() + 60 }, hmac('sha256')));
    expect(response.statusCode).toBe(200);
  });

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cases: Array<[string, () => string]> = [
    ['HS512 with our secret', () => token({ alg: 'HS512', typ: 'JWT' }, { ...claims, iat: now(), exp: now() + 60 }, hmac('sha512'))],
    ['RS256', () => token({ alg: 'RS256', typ: 'JWT' }, { ...claims, exp: now() + 60 }, (i) => createSign('RSA-SHA256').update(i).sign(rsa.privateKey, 'base64url'))],
    ['ES256', () => token({ alg: 'ES256', typ: 'JWT' }, { ...claims, exp: now() + 60 }, (i) => createSign('SHA256').update(i).sign({ key: ec.privateKey, dsaEncoding: 'ieee-p1363' }, 'base64url'))],
    ['alg none with a signature', () => token({ alg: 'none', typ: 'JWT' }, { ...claims, exp: now() + 60 }, hmac('sha256'))],
    ['alg none without a signature', () => token({ alg: 'none', typ: 'JWT' }, { ...claims, exp: now() + 60 }, () => '')],
    ['not valid before a future time', () => token({ alg: 'HS256', typ: 'JWT' }, { ...claims, nbf: now() + 3600, exp: now() + 7200 }, hmac('sha256'))],
    ['no expiry', () => token({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() }, hmac('sha256'))],
    ['an expiry that is not a number', () => token({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: 'soon' }, hmac('sha256'))],
    ['claims that are an array', () => token({ alg: 'HS256', typ: 'JWT' }, [1], hmac('sha256'))],
    ['a critical header extension', () => token({ alg: 'HS256', typ: 'JWT', crit: ['x'], x: 1 }, { ...claims, exp: now() + 60 }, hmac('sha256'))],
    ['a signature with characters outside base64url', () => `${encode({ alg: 'HS256' })}.${encode({ ...claims, exp: now() + 60 })}.a+b/c`],
    ['no session claim', () => token({ alg: 'HS256', typ: 'JWT' }, { sub: claims.sub, exp: now() + 60 }, hmac('sha256'))],
    ['three dots of nothing', () => '..'],
  ];

  it.each(cases)('%s', async (_what, make) => {
    const response = await me(make());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHORIZED' });
  });
});
