/** A report as the API last answered it for one URL (period included), kept to show while offline. */
export interface ReportCopy {
  userId: string;
  /** The request's URL with its parameters but the period's end (`to`, the moment of asking). */
  url: string;
  body: unknown;
  /** Epoch ms when the API answered it. */
  storedAt: number;
}
