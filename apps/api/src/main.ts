import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './core/config';

async function main() {
  const config = loadConfig();
  const app = await buildApp(config);

  // SIGTERM/SIGINT (or the cluster primary's "shutdown"): stop taking requests, finish those in
  // flight, hand the grid member's partitions over, close the database.
  let closing = false;
  const grace = closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
    closing = true;
    if (err) app.log.error({ err }, 'shutting down after an unexpected error');
    else app.log.info({ signal: signal ?? 'shutdown' }, 'shutting down');
    await app.close();
  });
  process.on('message', (message) => {
    if (message === 'shutdown' && !closing) grace.close();
  });

  await app.listen({ host: config.host, port: config.port });
  if (!config.webRoot) app.log.warn('web app not built: run `npm run build` to serve it from this server');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
