import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../../..');

export interface ClusterProcessOptions {
  instances: number;
  port: number;
  gridPort: number;
  dataDir: string;
  databaseUrl: string;
  detailsToken: string;
  logLevel: string;
  /** A process group of its own, so a test can signal it as a terminal's Ctrl+C does. */
  detached?: boolean;
}

/** `npm start`'s cluster (apps/api/src/cluster.ts) run from source on loopback, for tests. */
export function startClusterProcess(options: ClusterProcessOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/cluster.ts'], {
    cwd: WORKSPACE,
    detached: options.detached ?? false,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json'),
      API_INSTANCES: String(options.instances),
      HOST: '127.0.0.1',
      PORT: String(options.port),
      GRID_PORT: String(options.gridPort),
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      WEB_ROOT: join(options.dataDir, 'no-web'),
      PASSWORD_HASH_MEMORY_KIB: '1024',
      LOG_LEVEL: options.logLevel,
      HEALTH_DETAILS_TOKEN: options.detailsToken,
    },
  });
}
