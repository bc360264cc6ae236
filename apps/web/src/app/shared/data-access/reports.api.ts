import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DailyPatternReport, LogbookReport, Statistics, TrendReport } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import type { Period } from '../period/period';

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

  trend(period: Period): Promise<TrendReport> {
    return firstValueFrom(this.http.get<TrendReport>('/api/reports/trend', { params: periodParams(period) }));
  }
}

function periodParams(period: Period): HttpParams {
  return new HttpParams().set('from', period.from.toISOString()).set('to', period.to.toISOString());
}
