import { parseGlucoseNumber, parseTimestamp, unitInHeader } from '../import-values';
import { findColumn, fromParsed, rejected, skipped, UnreadableHeaderError, type FormatReader } from './format-reader';

/**
 * Dexcom Clarity export. The header is `Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,
 * Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mg/dL),Insulin Value (u),
 * Carb Value (grams),Duration (hh:mm:ss),Glucose Rate of Change (mg/dL/min),Transmitter Time
 * (Long Integer),Transmitter ID`; the first rows after it describe the patient and device
 * (Event Type FirstName, LastName, Device, Alert…) and have no timestamp. Sensor readings have
 * Event Type `EGV`, local time without zone, and "Low"/"High" beyond the sensor's range.
 */
export const dexcomReader: FormatReader = {
  format: 'dexcom',

  isHeader: (fields) =>
    findColumn(fields, (name) => name.startsWith('timestamp (')) >= 0 &&
    findColumn(fields, (name) => name === 'event type') >= 0,

  rows(header, { timeZone }) {
    const timestamp = findColumn(header, (name) => name.startsWith('timestamp ('));
    const eventType = findColumn(header, (name) => name === 'event type');
    const glucose = findColumn(header, (name) => name.startsWith('glucose value'));
    const unit = glucose >= 0 ? unitInHeader(header[glucose] ?? '') : null;
    if (glucose < 0 || !unit) throw new UnreadableHeaderError('The Dexcom Clarity header has no "Glucose Value" column with a unit.');

    return (fields) => {
      if ((fields[eventType] ?? '').trim().toUpperCase() !== 'EGV') return skipped;
      const takenAt = parseTimestamp(fields[timestamp], timeZone, 'YMD');
      const value = parseGlucoseNumber(fields[glucose]);
      const problem = fromParsed([takenAt, value]);
      if (problem || !takenAt.ok || !value.ok) return problem ?? rejected('unreadable row');
      return { kind: 'reading', reading: { takenAt: takenAt.value, value: value.value, unit, context: 'other', note: null } };
    };
  },
};
