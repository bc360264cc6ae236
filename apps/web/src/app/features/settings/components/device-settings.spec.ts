import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CreatedDevice, Device } from '@glucodiary/contracts';
import { AuthStore, SESSION_STORAGE } from '../../../core/auth/auth.store';
import { login, memoryStorage } from '../../../core/auth/auth.testing';
import { DeviceSettings } from './device-settings';

/** Lets the component's awaits run after an answer was flushed. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

const watch: Device = { id: 'd1', name: 'Watch face', scope: 'read', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: '2026-12-01T08:30:00.000Z', latestStatus: null };

async function render(devices: Device[] = [watch]) {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SESSION_STORAGE, useValue: memoryStorage() }] });
  TestBed.inject(AuthStore).signedIn(login);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(DeviceSettings);
  http.expectOne({ method: 'GET', url: '/api/devices' }).flush({ items: devices });
  await settle();
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const stable = async () => {
    await settle();
    await fixture.whenStable();
  };
  /** Each listed device's name and details, as read (its buttons aside). */
  const listed = () =>
    Array.from(element.querySelectorAll('.devices li')).map((item) => `${item.querySelector('.name')?.textContent} | ${item.querySelector('.details')?.textContent}`);
  const button = (name: string) =>
    Array.from(element.querySelectorAll('button')).find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name) as HTMLButtonElement;
  return { fixture, element, http, stable, listed, button };
}

describe('DeviceSettings', () => {
  it('lists the devices with what they may do and their last use in the user zone', async () => {
    const { listed } = await render();
    // The user lives in Europe/London: 08:30 UTC on 1 December.
    expect(listed()).toEqual(['Watch face | Reads only · last used 1 Dec 2026, 08:30']);
  });

  it("shows the newest status an app reported: its battery, the pump's, what is on board and what the loop did", async () => {
    const loop: Device = {
      ...watch,
      id: 'd3',
      name: 'Loop',
      scope: 'upload',
      latestStatus: {
        reportedAt: '2026-12-05T09:55:00.000Z',
        uploaderBatteryPercent: 81,
        pumpBatteryPercent: 40,
        pumpReservoirUnits: 112.4,
        insulinOnBoardUnits: 1.23,
        carbsOnBoardGrams: 18,
        loop: 'enacted temp basal 0.65 U/h for 30 min',
      },
    };
    const { element } = await render([loop, watch]);
    const statuses = Array.from(element.querySelectorAll('.devices li')).map((item) => item.querySelector('.status')?.textContent ?? null);
    expect(statuses).toEqual([
      'Status at 5 Dec, 09:55: phone battery 81 % · pump battery 40 % · reservoir 112.4 U · 1.23 U insulin on board · 18 g carbs on board · enacted temp basal 0.65 U/h for 30 min',
      null,
    ]);
  });

  it('adds a device and shows its secret and Nightscout URL once', async () => {
    const { element, http, stable, listed } = await render([]);
    expect(element.textContent).toContain('No devices yet.');
    const name = element.querySelector('input[name=deviceName]') as HTMLInputElement;
    name.value = '  xDrip+ on my Pixel ';
    name.dispatchEvent(new Event('input'));
    await stable();
    (element.querySelector('form.add') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const request = http.expectOne({ method: 'POST', url: '/api/devices' });
    expect(request.request.body).toEqual({ name: 'xDrip+ on my Pixel', scope: 'upload' });
    const created: CreatedDevice = {
      id: 'd2',
      name: 'xDrip+ on my Pixel',
      scope: 'upload',
      createdAt: '2026-12-05T10:00:00.000Z',
      lastUsedAt: null,
      latestStatus: null,
      secret: 'abcdefghijklmnopqrstuvwxyz012345',
      nightscoutUrl: 'https://abcdefghijklmnopqrstuvwxyz012345@diary.example/api/v1/',
    };
    request.flush(created);
    await stable();
    const shown = Array.from(element.querySelectorAll('.created input')).map((input) => (input as HTMLInputElement).value);
    expect(shown).toEqual([created.nightscoutUrl, created.secret]);
    // And as a QR code to scan with the phone: an SVG of the URL, made in the page.
    await vi.waitFor(() => expect(element.querySelector('.created app-qr-code img')).not.toBeNull());
    const qr = element.querySelector('.created app-qr-code img') as HTMLImageElement;
    expect(qr.alt).toBe('QR code of the Nightscout URL for the app');
    const svg = decodeURIComponent(qr.src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(svg.length).toBeGreaterThan(1000);
    expect(listed()).toEqual(['xDrip+ on my Pixel | Uploads and reads · not used yet']);
    expect(name.value).toBe('');
  });

  it("asks in the page before revoking (no browser pop-up), then takes the device off the list; a refused revoke says why and keeps it", async () => {
    const { http, stable, listed, button, element } = await render();
    const popUp = vi.spyOn(window, 'confirm');
    const revokeAndConfirm = async () => {
      button('Revoke Watch face').click();
      await stable();
      button('Revoke it').click();
      await stable();
    };
    button('Revoke Watch face').click();
    await stable();
    expect(element.querySelector('[role=group]')?.getAttribute('aria-label')).toBe(
      'Revoke Watch face? The app stops working at once and needs a new device to connect again.',
    );
    button('Keep it').click();
    await stable();
    http.expectNone({ method: 'DELETE' });
    expect(listed()).toHaveLength(1);

    await revokeAndConfirm();
    http.expectOne({ method: 'DELETE', url: '/api/devices/d1' }).flush({ message: 'The grid cannot take the change now' }, { status: 503, statusText: 'Service Unavailable' });
    await stable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('The grid cannot take the change now');
    expect(listed()).toHaveLength(1);
    await revokeAndConfirm();
    http.expectOne({ method: 'DELETE', url: '/api/devices/d1' }).flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(listed()).toEqual([]);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Watch face is revoked');
    expect(popUp).not.toHaveBeenCalled();
    popUp.mockRestore();
  });
});
