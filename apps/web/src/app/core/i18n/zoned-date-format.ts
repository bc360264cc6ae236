import { inject, LOCALE_ID, Pipe, type PipeTransform } from '@angular/core';

/**
 * The ways the app writes a moment, each in the order, names and clock (12 or 24 hours) of the
 * user's number and date format: "Dec 6, 2026, 2:30 PM" in en-US, "06.12.2026, 14:30" in de-DE.
 */
const STYLES = {
  time: { hour: 'numeric', minute: '2-digit' },
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
  dayMonthTime: { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  weekdayDayMonth: { weekday: 'short', day: 'numeric', month: 'short' },
  weekdayDayMonthTime: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  weekdayDateTime: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' },
  longDate: { day: 'numeric', month: 'long', year: 'numeric' },
  fullDate: { dateStyle: 'full' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

/** Formatters are costly to build and a list formats hundreds of moments: one per locale, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const usesDayClock = (locale: string): boolean => {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  return hourCycle === 'h23' || hourCycle === 'h24';
};

/**
 * A moment in the user's profile time zone (not the browser's, see zoned-time.ts), written as
 * the format locale writes it.
 */
export function formatZoned(instant: string | number | Date, timeZone: string, style: DateStyle, locale: string): string {
  const key = `${locale}|${timeZone}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = { ...STYLES[style], timeZone };
    // A 24-hour clock is written with two digits ("03:26"), a 12-hour one without ("3:26 AM").
    if ('hour' in options && usesDayClock(locale)) options.hour = '2-digit';
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(instant));
}

/** A calendar day (yyyy-MM-dd), written as the format locale writes it. */
export const formatDay = (day: string, style: DateStyle, locale: string): string => formatZoned(`${day}T12:00:00Z`, 'UTC', style, locale);

/** `{{ takenAt | zonedDate: timeZone : 'dateTime' }}`: {@link formatZoned} in the app's format locale. */
@Pipe({ name: 'zonedDate' })
export class ZonedDatePipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(instant: string | number | Date, timeZone: string, style: DateStyle): string {
    return formatZoned(instant, timeZone, style, this.locale);
  }
}
