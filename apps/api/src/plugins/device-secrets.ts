import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GridDeviceSecrets } from '@glucodiary/server-auth';

declare module 'fastify' {
  interface FastifyInstance {
    /** The uploader apps' secrets, checked from the grid: shared by the devices routes, the Nightscout API and account deletion. */
    deviceSecrets: GridDeviceSecrets;
  }
}

export const deviceSecretsPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('deviceSecrets', new GridDeviceSecrets(app.grid, app.db));
  },
  { name: 'device-secrets', dependencies: ['database', 'grid'] },
);
