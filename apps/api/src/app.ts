import compress from '@fastify/compress';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticationPlugin, CREDENTIAL_MAPS } from '@glucodiary/server-auth';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './core/config';
import { exactBodyValidators } from './core/exact-body-validation';
import { representableInstants } from './core/instant-format';
import { requestForLog } from './core/request-log';
import { signInThrottle } from './modules/auth/account-throttle';
import { activationRoutes } from './modules/auth/activation.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { AuthService } from './modules/auth/auth.service';
import { PasswordHasher } from './modules/auth/password-hasher';
import { Registrations } from './modules/auth/registrations';
import { sessionsRoutes } from './modules/auth/sessions.routes';
import { devicesRoutes } from './modules/devices/devices.routes';
import { healthRoutes } from './modules/health/health.routes';
import { liveRoutes } from './modules/live/live.routes';
import { SmtpMailer } from './modules/mail/mailer';
import { nightscoutRoutes } from './modules/nightscout/nightscout.routes';
import { accountRoutes } from './modules/profile/account.routes';
import { profileRoutes } from './modules/profile/profile.routes';
import { importRecordsRoutes } from './modules/readings-transfer/import-records.routes';
import { readingsTransferRoutes } from './modules/readings-transfer/readings-transfer.routes';
import { readingsRoutes } from './modules/readings/readings.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { treatmentsRoutes } from './modules/treatments/treatments.routes';
import { apiDocsPlugin } from './plugins/api-docs';
import { databasePlugin } from './plugins/database';
import { deviceSecretsPlugin } from './plugins/device-secrets';
import { diaryChangesPlugin } from './plugins/diary-changes';
import { errorHandlerPlugin, sendApiError } from './plugins/error-handler';
import { gridPlugin } from './plugins/grid';
import { rateLimitPlugin } from './plugins/rate-limit';
import { refuseNulCharactersPlugin } from './plugins/refuse-nul-characters';
import { requireSignInPlugin } from './plugins/require-sign-in';
import { securityHeadersPlugin } from './plugins/security-headers';
import { webAppPlugin } from './plugins/web-app';

/** Requests carry small JSON documents; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Redacted wherever they appear in a log line: credentials never reach the logs. */
const SECRET_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["api-secret"]', '*.password', '*.accessToken', '*.secret'];

export async function buildApp(config: AppConfig, logger: FastifyServerOptions['logger'] = { level: config.logLevel }) {
  const app = Fastify({
    // The request's URL is logged without secrets in its query (the activation link's token).
    logger: typeof logger === 'object' ? { ...logger, redact: SECRET_LOG_PATHS, serializers: { req: requestForLog } } : logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true }, onCreate: representableInstants },
    schemaController: { compilersFactory: { buildValidator: exactBodyValidators } },
    // Errors the router raises before any hook (a malformed percent-encoding in the URL) in the API's one error shape.
    frameworkErrors: (error, request, reply: FastifyReply) => void sendApiError(error, request, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Tier 1: the framework's own concerns.
  await app.register(errorHandlerPlugin);
  await app.register(refuseNulCharactersPlugin);
  await app.register(securityHeadersPlugin, { servedOverHttps: config.servedOverHttps });
  if (config.apiDocs) await app.register(apiDocsPlugin, { version: config.version });

  // Tier 2: the product's services.
  await app.register(databasePlugin, {
    databaseUrl: config.databaseUrl,
    migrateOnStart: config.migrateOnStart,
    migrationsRoot: config.migrationsRoot,
  });
  await app.register(gridPlugin, { ...config.grid, maps: CREDENTIAL_MAPS });
  await app.register(rateLimitPlugin);
  await app.register(authenticationPlugin, {
    secret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    db: app.db,
    grid: app.grid,
  });
  await app.register(deviceSecretsPlugin);
  await app.register(diaryChangesPlugin);

  // Tier 3: routes.
  const passwordHasher = new PasswordHasher(config.passwordHashMemoryKiB);
  const registrations = new Registrations(app.db, config.mail && { mailer: new SmtpMailer(config.mail), publicUrl: config.mail.publicUrl });
  // Added after the database's hook, so it runs before it: mails started after an answer finish first.
  app.addHook('onClose', () => registrations.close());
  const auth = new AuthService(app.db, app.sessions, {
    passwordHasher,
    registrations,
    throttle: signInThrottle(app.grid, config.loginRateLimit, config.sessionTtlSeconds),
    sessionTtlSeconds: config.sessionTtlSeconds,
  });
  await app.register(
    async (api) => {
      // For anyone.
      await api.register(healthRoutes, { version: config.version, instanceId: config.instanceId, detailsToken: config.healthDetailsToken });
      await api.register(authRoutes, {
        prefix: '/auth',
        auth,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        servedOverHttps: config.servedOverHttps,
        loginRateLimit: config.loginRateLimit,
      });
      await api.register(activationRoutes, { prefix: '/auth', registrations, rateLimit: config.loginRateLimit });
      // Nightscout's REST API v1, for uploader and follower apps, authenticated by device secrets.
      await api.register(nightscoutRoutes, { prefix: '/v1', rateLimit: { max: config.deviceRateLimitPerMinute, timeWindowMs: 60_000 } });

      // For a signed-in user: the access token and its session are checked once, here, for all of them.
      await api.register(async (signedIn) => {
        await signedIn.register(requireSignInPlugin);
        // The diary's answers (a 90-day report, a page of readings) are JSON of tens of kB: Brotli or gzip where the browser accepts it.
        await signedIn.register(compress, { global: true, threshold: 1024 });
        await signedIn.register(sessionsRoutes, { prefix: '/auth', auth, servedOverHttps: config.servedOverHttps, rateLimit: config.loginRateLimit });
        await signedIn.register(profileRoutes);
        await signedIn.register(accountRoutes, { passwordHasher, rateLimit: config.loginRateLimit });
        await signedIn.register(readingsRoutes, { prefix: '/readings' });
        await signedIn.register(readingsTransferRoutes, { prefix: '/readings' });
        await signedIn.register(importRecordsRoutes, { prefix: '/imports' });
        await signedIn.register(treatmentsRoutes, { prefix: '/treatments' });
        await signedIn.register(reportsRoutes);
        await signedIn.register(devicesRoutes, { prefix: '/devices' });
        await signedIn.register(liveRoutes, { maxStreamMs: config.accessTokenTtlSeconds * 1000, heartbeatMs: config.liveHeartbeatMs });
      });
    },
    { prefix: '/api' },
  );
  await app.register(webAppPlugin, { root: config.webRoot });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
