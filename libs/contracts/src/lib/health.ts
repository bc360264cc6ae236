import { Type, type Static } from 'typebox';

/** What a probe or monitor is told; `instance` and `grid` only to a caller with the details token. */
export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  instance: Type.Optional(Type.String({ description: 'Identifies the API process that answered' })),
  grid: Type.Optional(
    Type.Object({
      member: Type.String({ description: "This instance's grid member id" }),
      address: Type.String(),
      members: Type.Array(Type.Object({ id: Type.String(), address: Type.String(), coordinator: Type.Boolean() })),
      partitionsOwned: Type.Integer(),
      partitionsBackedUp: Type.Integer(),
      degraded: Type.Boolean({ description: 'Below quorum: session checks use the database' }),
    }),
  ),
});
export type Health = Static<typeof HealthSchema>;
