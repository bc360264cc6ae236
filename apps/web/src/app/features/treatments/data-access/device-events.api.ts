import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DeviceEvent, DeviceEventList } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

/** What the user's uploader apps reported that is not a treatment: temporary basals, profile switches, … */
@Injectable({ providedIn: 'root' })
export class DeviceEventsApi {
  private readonly http = inject(HttpClient);

  /** The events of a period, newest first. */
  async list(from: string, to: string): Promise<DeviceEvent[]> {
    return (await firstValueFrom(this.http.get<DeviceEventList>('/api/devices/events', { params: { from, to } }))).items;
  }
}
