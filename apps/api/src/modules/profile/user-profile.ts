import { fromMgdl, type GlucoseUnit, type UserProfile } from '@glucodiary/contracts';
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
    createdAt: user.createdAt.toISOString(),
  };
}
