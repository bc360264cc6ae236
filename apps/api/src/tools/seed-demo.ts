/**
 * `npm run seed:demo`: creates (or resets) the demo account with 90 days of readings, in the
 * database the app would use (DATABASE_URL, default the embedded SQLite file). Idempotent.
 */
import { migrateDatabase, openDatabase } from '@glucodiary/db';
import { loadConfig } from '../core/config';
import { PasswordHasher } from '../modules/auth/password-hasher';
import { demoReadings } from './demo-readings';

const DEMO_ACCOUNT = { email: 'demo@glucodiary.example', password: 'glucodiary-demo', displayName: 'Demo Diary' };
const DEMO_TIME_ZONE = 'Europe/Berlin';
const DEMO_DAYS = 90;

async function seedDemo(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl, { migrationsRoot: config.migrationsRoot });
  const database = openDatabase(config.databaseUrl);
  try {
    const passwordHash = await new PasswordHasher(config.passwordHashMemoryKiB).hash(DEMO_ACCOUNT.password);
    const profile = { passwordHash, displayName: DEMO_ACCOUNT.displayName, timeZone: DEMO_TIME_ZONE, activatedAt: new Date() };
    const user = await database.prisma.user.upsert({
      where: { email: DEMO_ACCOUNT.email },
      create: { email: DEMO_ACCOUNT.email, ...profile },
      update: profile,
    });
    const readings = demoReadings(DEMO_DAYS, DEMO_TIME_ZONE);
    await database.prisma.$transaction([
      database.prisma.reading.deleteMany({ where: { userId: user.id } }),
      database.prisma.reading.createMany({
        data: readings.map((r) => ({ userId: user.id, takenAt: r.takenAt, valueMgdl: r.valueMgdl, mealContext: r.context })),
      }),
    ]);
    console.log(`Demo account ready: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password} (${readings.length} readings over ${DEMO_DAYS} days)`);
  } finally {
    await database.close();
  }
}

seedDemo().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
