import { Parser } from 'htmlparser2';

/** Elements whose content is not text a person wrote. */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math']);
/** Control characters other than tab and line breaks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Uploaded text as the plain text it is meant to be: markup dropped (what a script or an `<img>`
 * of another app's note would do in a page that showed it as HTML), entities read, control
 * characters removed, trimmed and cut to `max` characters. "BG < 70 & falling" stays as it is.
 */
export function plainText(text: string, max: number): string {
  let plain = text;
  if (/[<&]/.test(text)) {
    plain = '';
    let inside = 0;
    const parser = new Parser(
      {
        onopentagname: (name) => void (NOT_TEXT.has(name) && inside++),
        onclosetag: (name) => void (NOT_TEXT.has(name) && inside > 0 && inside--),
        ontext: (part) => void (inside === 0 && (plain += part)),
      },
      { decodeEntities: true },
    );
    parser.write(text);
    parser.end();
  }
  return plain.replace(CONTROL, '').trim().slice(0, max);
}

/** Every text in a JSON value made plain (depth-limited; a device status is at most a few levels deep). */
export function plainTextDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return plainText(value, 10_000);
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => plainTextDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainTextDeep(item, depth + 1)]));
}
