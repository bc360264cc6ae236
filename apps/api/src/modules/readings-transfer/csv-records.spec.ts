import { NotCsvFileError } from './csv-records';
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
});
