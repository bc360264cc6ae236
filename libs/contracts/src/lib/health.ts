import { Type, type Static } from 'typebox';

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  instance: Type.String({ description: 'Identifies the API process that answered' }),
});
export type Health = Static<typeof HealthSchema>;
