import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DailyPatternReport, LogbookReport, Reading, ReadingPage, Statistics } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import type { Period } from '../period/period';

/** Most readings a chart draws; beyond this a period is better read through its statistics. */
export const CHART_READINGS_MAX = 2000;

@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  statistics(period: Period): Promise<Statistics> {
    return firstValueFrom(this.http.get<Statistics>('/api/stats', { params: periodParams(period) }));
  }

  dailyPattern(period: Period): Promise<DailyPatternReport> {
    return firstValueFrom(this.http.get<DailyPatternReport>('/api/reports/agp', { params: periodParams(period) }));
  }

  logbook(period: Period): Promise<LogbookReport> {
    return firstValueFrom(this.http.get<LogbookReport>('/api/reports/logbook', { params: periodParams(period) }));
  }

  /** The readings of a period for a chart, newest first, up to CHART_READINGS_MAX. */
  async readings(period: Period): Promise<Reading[]> {
    const readings: Reading[] = [];
    let cursor: string | null = null;
    do {
      let params = periodParams(period).set('limit', 200);
      if (cursor) params = params.set('cursor', cursor);
      const page: ReadingPage = await firstValueFrom(this.http.get<ReadingPage>('/api/readings', { params }));
      readings.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && readings.length < CHART_READINGS_MAX);
    return readings;
  }
}

function periodParams(period: Period): HttpParams {
  return new HttpParams().set('from', period.from.toISOString()).set('to', period.to.toISOString());
}
