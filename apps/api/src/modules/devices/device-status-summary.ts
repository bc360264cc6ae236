import type { DeviceStatusSummary } from '@glucodiary/contracts';

type Doc = Record<string, unknown>;
const objectAt = (value: unknown): Doc | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : undefined);
const numberAt = (value: unknown): number | null => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
};
const round = (value: number | null, places: number) => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);

/**
 * What a person wants to know of an app's Nightscout device status: its phone's battery, the
 * pump's battery and reservoir, insulin and carbs on board, and what the loop last did. Read from
 * the shapes xDrip+ (`uploaderBattery`), Loop (`uploader`, `pump`, `loop`) and AndroidAPS or
 * OpenAPS (`openaps`) send; what a status does not have is null.
 */
export function summariseDeviceStatus(document: Doc, reportedAt: Date): DeviceStatusSummary {
  const uploader = objectAt(document['uploader']);
  const pump = objectAt(document['pump']);
  const loop = objectAt(document['loop']);
  const openaps = objectAt(document['openaps']);
  const openapsIob = objectAt(openaps?.['iob']) ?? objectAt((openaps?.['iob'] as unknown[] | undefined)?.[0]);
  const suggested = objectAt(openaps?.['suggested']);
  const enacted = objectAt(loop?.['enacted']) ?? objectAt(openaps?.['enacted']);
  return {
    reportedAt: reportedAt.toISOString(),
    uploaderBatteryPercent: round(numberAt(document['uploaderBattery']) ?? numberAt(uploader?.['battery']), 0),
    pumpBatteryPercent: round(numberAt(objectAt(pump?.['battery'])?.['percent']), 0),
    pumpReservoirUnits: round(numberAt(pump?.['reservoir']), 1),
    insulinOnBoardUnits: round(numberAt(objectAt(loop?.['iob'])?.['iob']) ?? numberAt(openapsIob?.['iob']) ?? numberAt(objectAt(pump?.['iob'])?.['bolusiob']), 2),
    carbsOnBoardGrams: round(numberAt(objectAt(loop?.['cob'])?.['cob']) ?? numberAt(suggested?.['COB']), 0),
    loop: loopStateOf(loop, enacted),
  };
}

function loopStateOf(loop: Doc | undefined, enacted: Doc | undefined): string | null {
  const failure = loop?.['failureReason'];
  if (typeof failure === 'string' && failure.trim() !== '') return `failed: ${failure.trim().slice(0, 120)}`;
  if (!enacted) return null;
  const rate = numberAt(enacted['rate']);
  const duration = numberAt(enacted['duration']);
  const bolus = numberAt(enacted['bolusVolume']) ?? numberAt(enacted['units']);
  const parts = [rate !== null && `temp basal ${round(rate, 2)} U/h${duration !== null ? ` for ${Math.round(duration)} min` : ''}`, bolus && `bolus ${round(bolus, 2)} U`].filter(Boolean);
  return parts.length > 0 ? `enacted ${parts.join(', ')}` : 'enacted';
}
