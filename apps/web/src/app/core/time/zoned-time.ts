import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Times are shown and entered in the user's profile time zone (not the browser's), so a diary
 * kept while travelling, or read by a clinician elsewhere, shows the days the user lived.
 */
export function formatInZone(instant: string | Date, timeZone: string, pattern: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), pattern);
}

/** The value of a datetime-local input showing `instant` in the time zone. */
export function toZonedInputValue(instant: Date, timeZone: string): string {
  return formatInZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm");
}

/** The instant a datetime-local input value means in the time zone. */
export function fromZonedInputValue(value: string, timeZone: string): Date {
  const [date = '', time = '00:00'] = value.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timeZone).getTime());
}
