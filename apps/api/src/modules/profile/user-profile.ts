import { fromMgdl, type FormatLocale, type GlucoseUnit, type Language, type UserProfile } from '@glucodiary/contracts';
import type { User } from '@glucodiary/db';

export function toUserProfile(user: User): UserProfile {
  const unit = user.preferredUnit as GlucoseUnit;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    preferredUnit: unit,
    targetRange: { low: fromMgdl(user.targetLowMgdl, unit), high: fromMgdl(user.targetHighMgdl, unit), unit },
    timeZone: user.timeZone,
    gramsPerServing: user.gramsPerServing,
    insulinNames: insulinNamesOf(user),
    language: user.language as Language,
    formatLocale: user.formatLocale as FormatLocale,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The user's insulin names, stored as a JSON array; anything else reads as none. */
export function insulinNamesOf(user: Pick<User, 'insulinNames'>): string[] {
  try {
    const names: unknown = JSON.parse(user.insulinNames);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
