import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateDeviceBody, CreatedDevice, Device, DeviceList } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

/** The user's device secrets: uploader and follower apps on the Nightscout-compatible API. */
@Injectable({ providedIn: 'root' })
export class DevicesApi {
  private readonly http = inject(HttpClient);

  async list(): Promise<Device[]> {
    return (await firstValueFrom(this.http.get<DeviceList>('/api/devices'))).items;
  }

  /** The answer holds the secret and the app's URL: the only time they are shown. */
  create(body: CreateDeviceBody): Promise<CreatedDevice> {
    return firstValueFrom(this.http.post<CreatedDevice>('/api/devices', body));
  }

  rename(id: string, name: string): Promise<Device> {
    return firstValueFrom(this.http.patch<Device>(`/api/devices/${encodeURIComponent(id)}`, { name }));
  }

  /** Once this returns, no instance accepts the secret. */
  async revoke(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/devices/${encodeURIComponent(id)}`));
  }
}
