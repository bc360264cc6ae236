/**
 * Prisma's WebAssembly schema engine, driven through driver adapters. Prisma's CLI wants a
 * native engine binary that it downloads; this does the same work offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as EngineModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { providerOf, redactUrl, sqliteFileOf } from '../database-url';
import { MigrationError } from './migration-error';

export type Log = (message: string) => void;
export type { SchemaEngine };

type Engine = typeof EngineModule;
const require = createRequire(import.meta.url);
let enginePromise: Promise<Engine> | undefined;

interface PanicRegistry {
  message: string;
  set_message(message: string): void;
  get(): string;
}
const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
// The wasm glue reports Rust panics here; without it a panic becomes an unrelated TypeError.
globals.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: '',
  set_message(message) {
    this.message = `RuntimeError: ${message}`;
  },
  get() {
    return this.message;
  },
};

/** The package is built for bundlers (it imports its .wasm as a module): in Node we instantiate it ourselves, once. */
function loadEngine(): Promise<Engine> {
  enginePromise ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const imports = { ...glue } as unknown as WebAssembly.ModuleImports;
    // The engine arms 10 s lock timers it never clears: unref them so a CLI run exits at once.
    for (const key of Object.keys(imports)) {
      if (key.startsWith('__wbg_setTimeout_')) {
        imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
      }
    }
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue;
  })();
  return enginePromise;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- pg's overloaded query() cannot be typed through a subclass */
/**
 * adapter-pg 7.10 cannot map PostgreSQL's "char" type (OID 18), which the engine's introspection
 * queries return (pg_constraint.confupdtype…): report such columns as text. Migrations only.
 */
class IntrospectionFriendlyClient extends pg.Client {
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const first = args[0];
    if (first && typeof first.submit === 'function') return (super.query as any)(...args, callback);
    const result = (super.query as any)(...args).then((res: pg.QueryResult | pg.QueryResult[]) => {
      for (const r of Array.isArray(res) ? res : [res]) {
        for (const field of r?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return res;
    });
    if (!callback) return result;
    result.then((res: unknown) => callback(null, res), (error: unknown) => callback(error));
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function adapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(databaseUrl) === 'sqlite') return new PrismaBetterSqlite3({ url: sqliteFileOf(databaseUrl) });
  return new PrismaPg({
    connectionString: databaseUrl,
    Client: IntrospectionFriendlyClient as unknown as typeof pg.Client,
    connectionTimeoutMillis: 10_000,
    max: 2,
  });
}

/** The engine never disposes what it connects: remember the adapters and close them ourselves. */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const keep = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = await adapter;
    opened.push(connected);
    return connected;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => keep(factory.connect()),
    connectToShadowDb: () => keep(factory.connectToShadowDb()),
  };
  return { factory: wrapped, disposeAll: () => Promise.allSettled(opened.map((adapter) => adapter.dispose())) };
}

/** Runs `work` with an engine connected to one database; clear errors, nothing left open. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  datamodel: { path: string; content: string } | undefined,
  log: Log | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
  label = `${providerOf(databaseUrl)} ${redactUrl(databaseUrl)}`,
): Promise<T> {
  const { factory, disposeAll } = tracked(adapterFactory(databaseUrl));
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const onEngineLog = (line: string) => {
    try {
      const { level, fields } = JSON.parse(line);
      if (level === 'WARN' || level === 'ERROR') log?.(`schema engine ${level}: ${fields?.message ?? line}`);
    } catch {
      // Not a JSON log line: nothing worth reporting.
    }
  };
  let engine: SchemaEngine | undefined;
  try {
    const wasm = await loadEngine();
    engine = await wasm.SchemaEngine.new(
      { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
      onEngineLog,
      bound,
    );
    return await work(engine);
  } catch (error) {
    throw explain(error, bound.errorRegistry, label);
  } finally {
    try {
      engine?.free();
    } catch {
      // Already unusable after a panic; nothing left to free.
    }
    await disposeAll();
  }
}

interface ErrorRegistry {
  consumeError(id: number): { error: unknown } | undefined;
}

/** Engine errors are "Kind: text\n   0: <wasm backtrace>…"; driver errors hide behind "External error id#N". */
function explain(error: unknown, registry: ErrorRegistry, where: string): MigrationError {
  if (error instanceof MigrationError) return error;
  const panic = globals.PRISMA_WASM_PANIC_REGISTRY?.message;
  if (error instanceof WebAssembly.RuntimeError || panic) {
    return new MigrationError(`${where}: the schema engine crashed (${panic || (error as Error).message})`);
  }
  const raw = error instanceof Error ? error.message : String(error);
  let text = raw
    .split('\n')
    .filter((line) => !/^\s+(\d+: |at |with )/.test(line))
    .join('\n')
    .trim()
    .replace(/\n\s*\n/g, ' ');
  text = text.replace(/External error id#(\d+)/g, (match, id) => {
    const entry = registry.consumeError(Number(id));
    return entry ? describeDriverError(entry.error) : match;
  });
  // The failing migration's name only appears in the backtrace: keep it.
  const migration = raw.match(/migration_name="([^"]+)"/)?.[1];
  if (migration && !text.includes(migration)) text += ` (in migration ${migration})`;
  return new MigrationError(`${where}: ${text}`);
}

function describeDriverError(error: unknown): string {
  const driverError = error as { name?: string; message?: string; cause?: Record<string, unknown> };
  if (driverError?.name === 'DriverAdapterError' && driverError.cause && typeof driverError.cause === 'object') {
    const { kind, originalMessage, ...rest } = driverError.cause;
    if (kind === 'DatabaseNotReachable') return `database not reachable at ${rest['host']}:${rest['port']}`;
    const detail = originalMessage ?? (Object.keys(rest).length ? JSON.stringify(rest) : '');
    return detail ? `${kind}: ${detail}` : String(kind);
  }
  return driverError?.message ?? String(error);
}
