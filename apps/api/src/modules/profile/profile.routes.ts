import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  isWithinGlucoseLimits,
  toMgdl,
  UpdateProfileBodySchema,
  UserProfileSchema,
  type UpdateProfileBody,
} from '@glucodiary/contracts';
import type { Prisma } from '@glucodiary/db';
import { FieldValidationError, NotFoundError } from '../../core/errors';
import { canonicalTimeZone } from '../../core/time-zone';
import { toUserProfile } from './user-profile';

export const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    { schema: { tags: ['profile'], response: { 200: UserProfileSchema, ...errorResponses(401, 404) } } },
    async (request) => toUserProfile(await findUser(request.user.id)),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['profile'],
        body: UpdateProfileBodySchema,
        response: { 200: UserProfileSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      await findUser(request.user.id);
      const user = await app.db.user.update({ where: { id: request.user.id }, data: profileChanges(request.body) });
      return toUserProfile(user);
    },
  );

  async function findUser(id: string) {
    const user = await app.db.user.findUnique({ where: { id } });
    if (!user) throw new NotFoundError('This account no longer exists.');
    return user;
  }
};

function profileChanges(body: UpdateProfileBody): Prisma.UserUpdateInput {
  const problems: { field: string; message: string }[] = [];
  const changes: Prisma.UserUpdateInput = {};
  if (body.displayName !== undefined) changes.displayName = body.displayName.trim();
  if (body.preferredUnit !== undefined) changes.preferredUnit = body.preferredUnit;
  if (body.timeZone !== undefined) {
    const timeZone = canonicalTimeZone(body.timeZone);
    if (timeZone) changes.timeZone = timeZone;
    else problems.push({ field: 'timeZone', message: 'is not a known IANA time zone' });
  }
  if (body.gramsPerServing !== undefined) changes.gramsPerServing = body.gramsPerServing;
  if (body.language !== undefined) changes.language = body.language;
  if (body.formatLocale !== undefined) changes.formatLocale = body.formatLocale;
  if (body.insulinNames !== undefined) {
    const names = body.insulinNames.map((name) => name.trim());
    const seen = new Set<string>();
    const repeated = names.find((name) => seen.size === seen.add(name.toLocaleLowerCase('en')).size);
    if (repeated) problems.push({ field: 'insulinNames', message: `names "${repeated}" twice` });
    else changes.insulinNames = JSON.stringify(names);
  }
  if (body.targetRange !== undefined) {
    const { low, high, unit } = body.targetRange;
    if (!isWithinGlucoseLimits(low, unit) || !isWithinGlucoseLimits(high, unit)) {
      problems.push({ field: 'targetRange', message: `must lie within the measurable range in ${unit}` });
    } else if (low >= high) {
      problems.push({ field: 'targetRange', message: 'low must be below high' });
    } else {
      changes.targetLowMgdl = toMgdl(low, unit);
      changes.targetHighMgdl = toMgdl(high, unit);
    }
  }
  if (problems.length > 0) throw new FieldValidationError(problems);
  return changes;
}

