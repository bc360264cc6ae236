import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';

const fromPool = AjvCompiler();

/**
 * Validators that coerce only what arrives as text. A query string or a path parameter is
 * text, so "7.5" is read as 7.5 and `type=a` as `['a']`; a JSON body is taken as sent, because
 * coercing it turns `null` into 0 and 0 into `null` (a PATCH of 0 g carbohydrates would clear
 * them, a POST of `grams: null` would store 0) and `true` into 1.
 */
export const exactBodyValidators: ValidatorFactory = (externalSchemas, options) => {
  const coercing = fromPool(externalSchemas, options);
  if (options?.mode === 'JTD') throw new Error('the API validates with JSON Schema, not JTD');
  const exact = fromPool(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } });
  return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
};
