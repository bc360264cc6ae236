import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DeleteAccountBody } from '@glucodiary/contracts';
import { lastValueFrom } from 'rxjs';
import { withJsonErrorBody } from '../../../core/api/api-error';

/** The account as a whole: everything it holds as one file, and its deletion. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Downloads the account's JSON export; the file name comes from the server's Content-Disposition. */
  async export(): Promise<{ blob: Blob; filename: string }> {
    const response = await lastValueFrom(this.http.get('/api/me/export', { responseType: 'blob', observe: 'response' })).catch(
      async (error: unknown) => {
        throw await withJsonErrorBody(error);
      },
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'glucodiary-account.json';
    return { blob: response.body ?? new Blob(), filename };
  }

  /** Deletes the account and everything in it; the password is checked again by the server. */
  async delete(body: DeleteAccountBody): Promise<void> {
    await lastValueFrom(this.http.delete('/api/me', { body }));
  }
}
