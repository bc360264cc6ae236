import type { ImportFormat } from '@glucodiary/contracts';
import type { CsvRecord } from './csv-records';
import { dexcomReader } from './formats/dexcom.format';
import type { FormatReader } from './formats/format-reader';
import { genericReader } from './formats/generic.format';
import { glucoDiaryReader } from './formats/glucodiary.format';
import { libreViewReader } from './formats/libreview.format';

/** How many rows from the top may come before the header (LibreView and others write metadata first). */
export const HEADER_SEARCH_ROWS = 10;

/** The known formats, most specific first (detection tries them in this order); `generic`, last, is what any other CSV with a header is. */
const FORMAT_READERS: Readonly<Record<ImportFormat, FormatReader>> = {
  libreview: libreViewReader,
  dexcom: dexcomReader,
  glucodiary: glucoDiaryReader,
  generic: genericReader,
};

export interface DetectedFormat {
  reader: FormatReader;
  /** Position of the header among the rows given. */
  headerIndex: number;
  /** The header's column names. */
  header: string[];
}

/**
 * Recognises a file's format from its first rows: the first row that is a known format's header
 * decides; failing that, the first row with two or more named columns is a generic CSV's header.
 * With `requested`, only that format's header is looked for. Null when there is no header.
 */
export function detectFormat(rows: readonly CsvRecord[], requested?: ImportFormat): DetectedFormat | null {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  const candidates = requested ? [FORMAT_READERS[requested]] : Object.values(FORMAT_READERS);
  for (const reader of candidates) {
    for (const [headerIndex, row] of top.entries()) {
      if ('fields' in row && reader.isHeader(row.fields)) return { reader, headerIndex, header: row.fields };
    }
  }
  return null;
}
