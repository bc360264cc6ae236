import { NotCsvFileError, UnreadableCsvError } from './csv-records';
import { records } from './testing/parse-sample';

describe('csvRecords', () => {
  it('streams rows with their line numbers across BOM, CRLF, blank lines and quoted line breaks', async () => {
    const rows = await records('\uFEFFa,b\r\n1,"x"\r\n\r\n2,"two\nlines"\r\n3,"5,6"\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x'] },
      { line: 4, fields: ['2', 'two\nlines'] },
      { line: 6, fields: ['3', '5,6'] },
    ]);
  });

  it('sniffs semicolon and tab delimiters', async () => {
    expect(await records('a;b\n1;5,6\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '5,6'] },
    ]);
    expect((await records('a\tb\n1\t2\n'))[1]).toEqual({ line: 2, fields: ['1', '2'] });
  });

  it('reads an empty file as no rows', async () => {
    expect(await records('')).toEqual([]);
  });

  it('refuses binary content', async () => {
    await expect(records(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).rejects.toBeInstanceOf(NotCsvFileError);
  });

  it('reports a row with broken quoting and goes on', async () => {
    const rows = await records('a,b\n1,"ok"\n2,"bad"x\n');
    expect(rows[1]).toEqual({ line: 2, fields: ['1', 'ok'] });
    expect(rows.slice(2).some((row) => 'error' in row)).toBe(true);
  });

  it('stops with the line number at a row over 64 KB instead of silently losing the rows after it', async () => {
    const rows = ['takenAt,value', '2026-01-01T08:00:00Z,100', `2026-01-01T09:00:00Z,110,"${'x'.repeat(70_000)}"`];
    for (let i = 0; i < 5000; i++) rows.push(`2026-01-02T08:00:00Z,${100 + (i % 50)}`);
    const reading = records(rows.join('\n') + '\n');
    await expect(reading).rejects.toBeInstanceOf(UnreadableCsvError);
    await expect(reading).rejects.toThrow(/^Line 3 is longer than 64 KB/);
  });

  it('drops a stray NUL byte after the start of the file and reads every row', async () => {
    const rows = ['a,b'];
    for (let i = 0; i < 1000; i++) rows.push(`${i},"note ${i}"`); // well past the 8 KB the binary check reads
    rows.push('1000,"bro\u0000ken"', '1001,"after"');
    const read = await records(rows.join('\n') + '\n');
    expect(read).toHaveLength(1003);
    expect(read.at(-2)).toEqual({ line: 1002, fields: ['1000', 'broken'] });
    expect(read.at(-1)).toEqual({ line: 1003, fields: ['1001', 'after'] });
  });
});
