import { decodeCursor, encodeCursor } from './keyset-cursor';

describe('keyset cursor', () => {
  it('round-trips the position of the last reading served', () => {
    const position = { takenAt: new Date('2026-03-29T01:30:00.000Z'), id: 'ckz1' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    '',
    'not-base64-!!',
    Buffer.from('yesterday|x').toString('base64url'),
    Buffer.from('2026-01-01T00:00:00Z|').toString('base64url'),
    // Years no database here stores: PostgreSQL has no year 0 and nothing before it.
    Buffer.from('0000-06-01T00:00:00Z|x').toString('base64url'),
    Buffer.from('-000001-06-01T00:00:00Z|x').toString('base64url'),
    Buffer.from('2026-01-01T00:00:00Z|x\u0000').toString('base64url'),
  ])(
    'rejects a forged or damaged cursor %j',
    (text) => {
      expect(decodeCursor(text)).toBeNull();
    },
  );
});
