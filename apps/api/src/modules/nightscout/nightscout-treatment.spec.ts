import { plainText } from './plain-text';
import { readTreatment, type TreatmentParts } from './nightscout-treatment';

const now = new Date('2026-12-05T12:00:00.000Z');
const stored = (treatment: object): TreatmentParts => {
  const outcome = readTreatment(treatment, now);
  if (outcome.kind !== 'stored') throw new Error(`refused: ${outcome.reason}`);
  return outcome.parts;
};

describe('readTreatment', () => {
  it('reads the time from eventTime, created_at (with, without or with a colonless offset, or epoch ms), timestamp, else now', () => {
    const at = (fields: object) => stored({ eventType: 'Note', notes: 'n', ...fields }).takenAt.toISOString();
    expect(at({ eventTime: '2026-12-05T09:00:00Z', created_at: '2026-12-05T08:00:00Z' })).toBe('2026-12-05T09:00:00.000Z');
    expect(at({ created_at: '2026-12-05T10:00:00.000+0100' })).toBe('2026-12-05T09:00:00.000Z');
    expect(at({ created_at: '2026-12-05T10:00:00' })).toBe('2026-12-05T10:00:00.000Z');
    expect(at({ created_at: '2026-12-05 10:00' })).toBe('2026-12-05T10:00:00.000Z');
    expect(at({ created_at: Date.parse('2026-12-05T07:30:00Z') })).toBe('2026-12-05T07:30:00.000Z');
    expect(at({ timestamp: '2026-12-05T06:00:00Z' })).toBe('2026-12-05T06:00:00.000Z');
    expect(at({})).toBe(now.toISOString());
    expect(readTreatment({ eventType: 'Note', notes: 'n', created_at: 'yesterday' }, now)).toEqual({ kind: 'refused', reason: '`created_at` is not an ISO 8601 time' });
    expect(readTreatment({ eventType: 'Note', notes: 'n', created_at: '2026-12-06T12:00:00Z' }, now)).toEqual({ kind: 'refused', reason: 'the time must not be in the future' });
  });

  it('keeps an id an app sends (24 hex as is, a UUID or identifier made 24 hex), else one of event type and time', () => {
    const base = { eventType: 'Note', notes: 'n', created_at: '2026-12-05T10:00:00Z' };
    expect(stored({ ...base, _id: '5F2B6C1E9A7D4C3B8E1F0A2D' }).uploadId).toBe('5f2b6c1e9a7d4c3b8e1f0a2d');
    const fromUuid = stored({ ...base, _id: '69F15FD2-8075-4DEB-AEA3-4352F455840D' }).uploadId;
    expect(fromUuid).toMatch(/^[0-9a-f]{24}$/);
    expect(stored({ ...base, identifier: '69F15FD2-8075-4DEB-AEA3-4352F455840D', created_at: '2026-12-05T11:00:00Z' }).uploadId).toBe(fromUuid);
    expect(stored(base).uploadId).toBe(stored({ ...base, eventType: 'NOTE' }).uploadId);
    expect(stored(base).uploadId).not.toBe(stored({ ...base, created_at: '2026-12-05T10:00:01Z' }).uploadId);
  });

  it('refuses amounts no dose or meal has, and keeps pump-fine doses to the thousandth', () => {
    expect(readTreatment({ eventType: 'Correction Bolus', insulin: 250 }, now)).toEqual({ kind: 'refused', reason: 'insulin 250 U is outside 0–100 U' });
    expect(readTreatment({ eventType: 'Carb Correction', carbs: -5 }, now)).toEqual({ kind: 'refused', reason: 'carbs -5 g is outside 0–500 g' });
    expect(stored({ eventType: 'Correction Bolus', insulin: '0.0251' }).treatments).toEqual([expect.objectContaining({ type: 'insulin', units: 0.025, purpose: 'correction' })]);
  });

  it('keeps an exercise without a duration, an insulin change and an announcement with what they say', () => {
    expect(stored({ eventType: 'Exercise', notes: 'swim' }).event).toEqual({ eventType: 'Exercise', durationMinutes: null, details: {}, note: 'swim' });
    expect(stored({ eventType: 'Insulin Change', notes: 'new cartridge' }).event).toMatchObject({ eventType: 'Insulin Change' });
    expect(stored({ eventType: 'Announcement', notes: 'pump back on' }).treatments).toEqual([expect.objectContaining({ type: 'note', note: 'pump back on' })]);
    expect(stored({ eventType: 'Temporary Target', targetTop: '110', targetBottom: 100, reason: '<b>Eating soon</b>', duration: 60, units: 'mg/dl' }).event).toEqual({
      eventType: 'Temporary Target',
      durationMinutes: 60,
      details: { reason: 'Eating soon', targetTop: 110, targetBottom: 100, units: 'mg/dl' },
      note: null,
    });
  });
});

describe('plainText', () => {
  it('drops markup and scripts, reads entities, keeps a plain "<" and control-free text', () => {
    expect(plainText(`<IMG SRC="javascript:alert('XSS');">`, 100)).toBe('');
    expect(plainText('a <b>bold</b> move<script>alert(1)</script>', 100)).toBe('a bold move');
    expect(plainText('BG < 70 & falling', 100)).toBe('BG < 70 & falling');
    expect(plainText('x &lt;3 &amp; y', 100)).toBe('x <3 & y');
    expect(plainText(' tab\there\u0007 ', 100)).toBe('tab\there');
    expect(plainText('long text', 4)).toBe('long');
  });
});
