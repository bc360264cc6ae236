import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** `auto`: HTTPS when the request came over it (or a trusted proxy says so in X-Forwarded-Proto). */
export type ServedOverHttps = 'auto' | 'always' | 'never';

/** Everything the API reads from its environment, resolved once at start-up. */
export interface AppConfig {
  host: string;
  port: number;
  databaseUrl: string;
  /** Apply pending migrations at start-up (the embedded default does, so a fresh machine just works). */
  migrateOnStart: boolean;
  /** Prisma migrations, one tree per database provider. */
  migrationsRoot: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  /** How long a sign-in lasts without a new password: the life of the session and its refresh tokens. */
  sessionTtlSeconds: number;
  instanceId: string;
  /** Unlocks the instance and grid details of `/api/health`; unset, nobody sees them. */
  healthDetailsToken: string | undefined;
  version: string;
  logLevel: string;
  /** Folder with the built Angular app; served from the same origin when present. */
  webRoot: string | null;
  loginRateLimit: { max: number; windowMs: number };
  /** How often an open live stream (GET /api/live) gets a keep-alive and its session is checked again. */
  liveHeartbeatMs: number;
  /** Nightscout API requests per device secret per minute, on all instances together. */
  deviceRateLimitPerMinute: number;
  /**
   * Proxies whose X-Forwarded-For is believed, by address or CIDR range; none (false): the peer
   * is the client. Behind a load balancer, without it every client would share the balancer's
   * address and its sign-in limits.
   */
  trustProxy: false | string[];
  /** Whether the app is reached over HTTPS: decides upgrade-insecure-requests and HSTS. */
  servedOverHttps: ServedOverHttps;
  /** Serve the OpenAPI document and its browser at /api/docs (off in production unless asked for). */
  apiDocs: boolean;
  /** Work factor of the password hash; tests lower it, production keeps the default. */
  passwordHashMemoryKiB: number;
  grid: GridConfig;
  /**
   * Sending email (SMTP_URL). Unset (the embedded default), registration answers at once and
   * says when an address is taken; set, it answers alike for every address and mails a link.
   */
  mail: MailConfig | null;
}

export interface MailConfig {
  /** `smtp://[user:pass@]host[:port]` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  smtpUrl: string;
  /** The From of every mail, e.g. `GlucoDiary <no-reply@diary.example.org>`. */
  from: string;
  /** Where people reach this site, without a trailing slash: links in mails start with it. */
  publicUrl: string;
}

/** This process's member of the embedded data grid that holds the live sessions. */
export interface GridConfig {
  clusterSecret: string;
  host: string;
  port: number;
  /** Take the next free port when `port` is taken (several instances on one host). */
  portAutoIncrement: boolean;
  /** host:port of other members; empty with no DNS name founds a cluster of one. */
  seeds: string[];
  /** A DNS name whose A/AAAA records are the members (e.g. a Kubernetes headless service). */
  dnsName: string | undefined;
  /** Below this many visible members the grid is degraded and checks fall back to the database. */
  minClusterSize: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = resolve(cwd, env['DATA_DIR'] ?? 'data');
  const databaseUrl = env['DATABASE_URL'] ?? `file:${join(dataDir, 'glucodiary.db')}`;
  const production = env['NODE_ENV'] === 'production';
  const webRoot = resolve(cwd, env['WEB_ROOT'] ?? 'dist/apps/web/browser');

  return {
    host: env['HOST'] ?? 'localhost',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    migrateOnStart: (env['DB_MIGRATE_ON_START'] ?? 'true') !== 'false',
    migrationsRoot: resolve(cwd, env['MIGRATIONS_DIR'] ?? 'prisma/migrations'),
    jwtSecret: production ? randomSecret(env, 'JWT_SECRET') : (env['JWT_SECRET'] ?? developmentSecret(dataDir, 'jwt-secret')),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 24 * 3600),
    sessionTtlSeconds: integer(env, 'SESSION_TTL_DAYS', 30, 1, 365) * 24 * 3600,
    instanceId: env['INSTANCE_ID'] ?? `${hostname()}:${process.pid}`,
    healthDetailsToken: secretOrUnset(env, 'HEALTH_DETAILS_TOKEN'),
    version: env['APP_VERSION'] ?? packageVersion(cwd),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : null,
    liveHeartbeatMs: integer(env, 'LIVE_HEARTBEAT_SECONDS', 25, 1, 300) * 1000,
    deviceRateLimitPerMinute: integer(env, 'DEVICE_RATE_LIMIT_MAX', 300, 1, 1_000_000),
    loginRateLimit: {
      max: integer(env, 'LOGIN_RATE_LIMIT_MAX', 10, 1, 10_000),
      windowMs: integer(env, 'LOGIN_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    },
    passwordHashMemoryKiB: integer(env, 'PASSWORD_HASH_MEMORY_KIB', 19_456, 1024, 1_048_576),
    trustProxy: trustedProxies(env),
    servedOverHttps: oneOf(env, 'SERVED_OVER_HTTPS', ['auto', 'always', 'never'] as const, 'auto'),
    apiDocs: (env['API_DOCS'] ?? (production ? 'false' : 'true')) === 'true',
    grid: {
      clusterSecret:
        env['GRID_CLUSTER_SECRET'] ??
        (production ? missing('GRID_CLUSTER_SECRET') : developmentSecret(dataDir, 'grid-cluster-secret')),
      host: env['GRID_HOST'] ?? '127.0.0.1',
      port: integer(env, 'GRID_PORT', 5701, 0, 65535),
      portAutoIncrement: (env['GRID_PORT_AUTO_INCREMENT'] ?? 'true') !== 'false',
      seeds: (env['GRID_SEEDS'] ?? '').split(',').map((seed) => seed.trim()).filter(Boolean),
      dnsName: env['GRID_DNS_NAME'] || undefined,
      minClusterSize: integer(env, 'GRID_MIN_CLUSTER_SIZE', 1, 1, 1000),
    },
    mail: mailSettings(env),
  };
}

export const DEFAULT_MAIL_FROM = 'GlucoDiary <no-reply@localhost>';

/** SMTP_URL with MAIL_FROM and PUBLIC_URL; null without SMTP_URL. Error messages never repeat the URL's password. */
function mailSettings(env: Env): MailConfig | null {
  const smtpUrl = env['SMTP_URL']?.trim();
  if (!smtpUrl) return null;
  let smtp: URL;
  try {
    smtp = new URL(smtpUrl);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL like smtp://user:password@mail.example.org:587 or smtps://…:465');
  }
  if ((smtp.protocol !== 'smtp:' && smtp.protocol !== 'smtps:') || !smtp.hostname) {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// and name a host, got "${smtp.protocol}//${smtp.hostname}…"`);
  }
  const from = env['MAIL_FROM']?.trim() || DEFAULT_MAIL_FROM;
  if (/[\r\n]/.test(from) || !/@[^\s@>]+>?$/.test(from)) {
    throw new ConfigError(`MAIL_FROM must be an address, optionally with a name: "GlucoDiary <no-reply@example.org>", got "${from}"`);
  }
  return { smtpUrl, from, publicUrl: publicUrl(env) };
}

/** PUBLIC_URL: required with SMTP_URL, as the links in mails must reach this site from anywhere. */
function publicUrl(env: Env): string {
  const raw = env['PUBLIC_URL']?.trim();
  if (!raw) {
    throw new ConfigError('PUBLIC_URL must be set when SMTP_URL is: the address people open GlucoDiary at, e.g. https://diary.example.org (links in mails lead there)');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be a URL like https://diary.example.org, got "${raw}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) address without credentials, query or fragment, like https://diary.example.org, got "${url.protocol}//${url.host}${url.pathname}…"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The version in the workspace's package.json, which `npm version` keeps current. */
function packageVersion(cwd: string): string {
  try {
    return (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A secret worth the name: unset, or at least 16 characters. */
function secretOrUnset(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16) throw new ConfigError(`${name} must be at least 16 characters long`);
  return raw;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Named ranges the framework's proxy-addr knows besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: the proxies' addresses and CIDR ranges, comma-separated. Not a hop count: the
 * framework refuses to believe X-Forwarded-For on a count alone, as any client could send one.
 */
function trustedProxies(env: Env): false | string[] {
  const raw = env['TRUST_PROXY']?.trim();
  if (!raw) return false;
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
    if (!PROXY_RANGE_NAMES.has(entry) && (isIP(address) === 0 || !validPrefix || extra !== undefined)) {
      throw new ConfigError(`TRUST_PROXY must list the proxies' addresses or CIDR ranges, comma-separated (e.g. 10.0.0.0/8,fd00::/8), got "${entry}"`);
    }
  }
  return entries;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** Random bytes this secret must at least hold in production: a guessable one lets anyone forge tokens offline. */
const MIN_SECRET_BYTES = 32;

/**
 * A production signing secret: at least 32 random bytes, written as hex or base64(url), e.g. from
 * `openssl rand -base64 48` (one token is enough to test guesses against it offline). What is
 * checked: the length; at least 16 distinct byte values (32 random bytes have fewer about once in
 * 10^12), which refuses repeated patterns; and for base64 both letter cases (43 random base64
 * characters lack one about once in 10^9), which refuses words and phrases run together. A
 * phrase in mixed case passes: this check cannot measure entropy, only refuse the obvious.
 */
function randomSecret(env: Env, name: string): string {
  const value = env[name] ?? missing(name);
  const hex = /^(?:[0-9a-f]{2})+$/i.test(value);
  const base64 = !hex && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
  const bytes = hex ? Buffer.from(value, 'hex') : base64 ? Buffer.from(value, 'base64') : undefined;
  if (!bytes || bytes.length < MIN_SECRET_BYTES || new Set(bytes).size < 16) {
    throw new ConfigError(`${name} must be at least ${MIN_SECRET_BYTES} random bytes written as hex or base64, e.g. from \`openssl rand -base64 48\``);
  }
  return value;
}

function missing(name: string): never {
  throw new ConfigError(`${name} must be set when NODE_ENV=production`);
}

/**
 * Outside production a secret is generated once and kept in the data folder, so restarts
 * (and every instance on this machine) share it: tokens stay valid, members can join.
 */
function developmentSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another instance starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
