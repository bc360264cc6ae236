import { Type, type TLiteral, type TSchemaOptions, type TUnion } from 'typebox';

type TLiterals<Values extends readonly string[]> = { -readonly [K in keyof Values]: TLiteral<Values[K]> };

/**
 * A union of string literals built from a constant list, so the list and the schema cannot drift
 * apart: `literalUnion(['a', 'b'])` is `Type.Union([Type.Literal('a'), Type.Literal('b')])`.
 */
export function literalUnion<const Values extends readonly string[]>(
  values: Values,
  options?: TSchemaOptions,
): TUnion<TLiterals<Values>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as TUnion<TLiterals<Values>>;
}
