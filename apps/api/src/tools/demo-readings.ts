import { addDays, startOfLocalDay } from '@glucodiary/clinical';
import type { MealContext } from '@glucodiary/contracts';

export interface DemoReading {
  takenAt: Date;
  valueMgdl: number;
  context: MealContext;
}

/** A day of a person with type 1 diabetes who checks around meals: mean, spread and local time of each check. */
const DAILY_CHECKS: ReadonlyArray<{ hour: number; context: MealContext; meanMgdl: number; spreadMgdl: number; taken: number }> = [
  { hour: 7, context: 'fasting', meanMgdl: 110, spreadMgdl: 18, taken: 0.95 },
  { hour: 9.25, context: 'after_meal', meanMgdl: 165, spreadMgdl: 35, taken: 0.6 },
  { hour: 12.5, context: 'before_meal', meanMgdl: 112, spreadMgdl: 22, taken: 0.85 },
  { hour: 14.5, context: 'after_meal', meanMgdl: 170, spreadMgdl: 38, taken: 0.6 },
  { hour: 18.75, context: 'before_meal', meanMgdl: 118, spreadMgdl: 25, taken: 0.85 },
  { hour: 20.75, context: 'after_meal', meanMgdl: 182, spreadMgdl: 42, taken: 0.65 },
  { hour: 22.75, context: 'bedtime', meanMgdl: 140, spreadMgdl: 30, taken: 0.8 },
  { hour: 3, context: 'other', meanMgdl: 105, spreadMgdl: 25, taken: 0.05 },
];
/** Chance that a check finds a low (hypoglycaemia after too much insulin or exercise). */
const LOW_CHANCE = 0.03;

/** Mulberry32: a small deterministic PRNG, so the demo diary is the same on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller: a normally distributed value from two uniform ones. */
function normal(random: () => number, mean: number, spread: number): number {
  const u = Math.max(random(), 1e-9);
  return mean + spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `days` days of realistic finger-stick readings ending today, in the given time zone. */
export function demoReadings(days: number, timeZone: string, now = new Date(), seed = 2019): DemoReading[] {
  const random = randomSource(seed);
  const readings: DemoReading[] = [];
  const today = now.toISOString().slice(0, 10);
  for (let daysAgo = days - 1; daysAgo >= 0; daysAgo--) {
    const date = addDays(today, -daysAgo);
    const midnight = startOfLocalDay(date, timeZone).getTime();
    for (const check of DAILY_CHECKS) {
      if (random() > check.taken) continue;
      const minutes = check.hour * 60 + normal(random, 0, 20);
      const takenAt = new Date(midnight + minutes * 60_000);
      if (takenAt > now) continue;
      const low = random() < LOW_CHANCE;
      const value = low ? 45 + random() * 22 : normal(random, check.meanMgdl, check.spreadMgdl);
      readings.push({ takenAt, valueMgdl: Math.round(Math.min(400, Math.max(40, value))), context: check.context });
    }
  }
  return readings;
}
