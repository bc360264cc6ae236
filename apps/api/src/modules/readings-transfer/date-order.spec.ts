import { chosenDateOrder, DateOrderDecider, resolveDateOrder, type DateDecision } from './date-order';

/** The decision for these timestamps, on lines 3, 4, 5… as below a title and a header. */
function decide(...timestamps: string[]): DateDecision {
  const decider = new DateOrderDecider();
  timestamps.forEach((text, index) => decider.add(index + 3, text));
  return decider.decide();
}

describe('date order of a file', () => {
  it('is settled day first by a first number above 12 anywhere in the file, however late', () => {
    const dates = ['01-09-2025 21:58', '02-09-2025 06:00', '12-09-2025 06:00', '13-09-2025 07:28', '03-09-2025 08:00'];
    expect(decide(...dates)).toEqual({
      kind: 'settled',
      order: 'DMY',
      evidence: { line: 6, text: '13-09-2025 07:28' },
      pattern: 'DD-MM-YYYY HH:mm',
      samples: ['01-09-2025 21:58', '03-09-2025 08:00'],
    });
  });

  it('is settled month first by a second number above 12, and reports a 12-hour clock', () => {
    expect(decide('09/01/2025 9:58 PM', '09/13/2025 7:28 AM')).toMatchObject({
      kind: 'settled',
      order: 'MDY',
      evidence: { line: 4, text: '09/13/2025 7:28 AM' },
      pattern: 'MM/DD/YYYY hh:mm A',
    });
  });

  it('is settled by dates written year first, with their own pattern', () => {
    expect(decide('2025-09-01T21:58:12', '2025-09-01T22:03:12')).toMatchObject({ kind: 'settled', order: 'YMD', pattern: 'YYYY-MM-DDTHH:mm:ss' });
    expect(decide('2025-09-01T21:58:12+01:00')).toMatchObject({ order: 'YMD', pattern: 'YYYY-MM-DDTHH:mm:ss±HH:mm' });
  });

  it('reads dotted dates day first, as every locale writing them does, unless a second number above 12 says otherwise', () => {
    expect(decide('01.09.2025 21:58', '02.09.2025 06:00')).toMatchObject({ kind: 'settled', order: 'DMY', pattern: 'DD.MM.YYYY HH:mm' });
    expect(decide('01.09.2025 21:58', '09.13.2025 06:00')).toMatchObject({ kind: 'settled', order: 'MDY' });
  });

  it('stays open when every day is 12 or less, whatever the separator', () => {
    for (const separator of ['-', '/']) {
      const decision = decide(`01${separator}09${separator}2025 21:58`, `12${separator}09${separator}2025 06:00`);
      expect(decision).toMatchObject({ kind: 'open', samples: [`01${separator}09${separator}2025 21:58`, `12${separator}09${separator}2025 06:00`] });
    }
  });

  it('finds the file contradictory when one date is only day first and another only month first', () => {
    expect(decide('13-09-2025 07:28', '01-09-2025 08:00', '09-14-2025 07:28')).toEqual({
      kind: 'contradictory',
      dayFirst: { line: 3, text: '13-09-2025 07:28' },
      monthFirst: { line: 5, text: '09-14-2025 07:28' },
    });
  });

  it('lets a date that is no date at all (25-25-2025) decide nothing, and ignores what is no timestamp', () => {
    expect(decide('25-25-2025 08:00', '01-09-2025 08:00', 'yesterday', '')).toMatchObject({ kind: 'open' });
    expect(decide('yesterday')).toEqual({ kind: 'none' });
  });

  it('asks for a choice when the file is open, naming both readings of a sample, and takes the choice', () => {
    const open = decide('01-09-2025 21:58', '02-09-2025 06:00');
    const asked = resolveDateOrder(open, undefined);
    expect(asked).toMatchObject({
      ok: false,
      problem: 'needsChoice',
      report: { used: null, pattern: null, decidedBy: null, needsChoice: ['DMY', 'MDY'], samples: ['01-09-2025 21:58', '02-09-2025 06:00'] },
    });
    expect(!asked.ok && asked.message).toBe(
      'the dates in this file (e.g. "01-09-2025 21:58") fit both day first (1 September 2025) and month first (9 January 2025): choose DMY or MDY',
    );
    expect(resolveDateOrder(open, 'MDY')).toMatchObject({ ok: true, order: 'MDY', report: { used: 'MDY', pattern: 'MM-DD-YYYY HH:mm', decidedBy: 'choice' } });
  });

  it("refuses a choice the file's dates rule out, and any choice for a contradictory file", () => {
    expect(resolveDateOrder(decide('13-09-2025 07:28'), 'MDY')).toMatchObject({
      ok: false,
      problem: 'conflict',
      message: `this file's dates are written day first (line 3: "13-09-2025 07:28"), so they cannot be read month first`,
    });
    expect(resolveDateOrder(decide('13-09-2025 07:28'), 'DMY')).toMatchObject({ ok: true, order: 'DMY', report: { decidedBy: 'file' } });
    // Dates written year first are read as such whatever was chosen.
    expect(resolveDateOrder(decide('2025-09-13 07:28'), 'MDY')).toMatchObject({ ok: true, order: 'YMD' });
    const contradictory = resolveDateOrder(decide('13-09-2025 07:28', '09-14-2025 07:28'), 'DMY');
    expect(contradictory).toMatchObject({ ok: false, problem: 'contradictory' });
    expect(!contradictory.ok && contradictory.message).toMatch(/day first \(line 3: "13-09-2025 07:28"\) and month first \(line 4: "09-14-2025 07:28"\)/);
  });

  it("takes a generic mapping's DMY or MDY as the person's choice, but not its default YMD", () => {
    expect(chosenDateOrder(undefined, { timestamp: 't', value: 'v', dateOrder: 'DMY' })).toBe('DMY');
    expect(chosenDateOrder(undefined, { timestamp: 't', value: 'v', dateOrder: 'YMD' })).toBeUndefined();
    expect(chosenDateOrder('MDY', { timestamp: 't', value: 'v', dateOrder: 'DMY' })).toBe('MDY');
  });
});
