import { Type, type Static } from 'typebox';

/** One error shape for every non-2xx answer of the API. */
export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'HTTP reason phrase, e.g. "Bad Request"' }),
    code: Type.String({ description: 'Stable machine-readable code, e.g. "VALIDATION_FAILED"' }),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'Present on validation errors: one entry per offending field',
      }),
    ),
  },
  { $id: 'ApiError' },
);
export type ApiError = Static<typeof ApiErrorSchema>;

/** Responses every authenticated route can give besides its own. */
export const errorResponses = (...statusCodes: number[]) =>
  Object.fromEntries(statusCodes.map((code) => [code, ApiErrorSchema]));
