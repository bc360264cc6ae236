import { computed, inject, Injectable, resource } from '@angular/core';
import type { ImportRecord } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { ImportRecordsApi } from './import-records.api';

/**
 * The page's list of past imports. Whatever removes or restores an import (the list itself, or
 * "Undo this import" after a commit) goes through here, so the list always shows it.
 */
@Injectable()
export class PastImportsStore {
  private readonly api = inject(ImportRecordsApi);
  private readonly list = resource({ loader: () => this.api.list() });

  readonly records = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  readonly loaded = computed(() => this.list.hasValue());
  readonly loading = this.list.isLoading;
  readonly loadError = computed(() => (this.list.error() ? describeHttpError(this.list.error()) : null));

  /** Loads the list again, e.g. after a commit added an import. */
  reload(): void {
    this.list.reload();
  }

  async remove(id: string): Promise<ImportRecord> {
    return this.replaced(await this.api.remove(id));
  }

  async restore(id: string): Promise<ImportRecord> {
    return this.replaced(await this.api.restore(id));
  }

  /** Shows the server's answer at once, then loads the list again so it matches the server (another tab may have changed it too). */
  private replaced(record: ImportRecord): ImportRecord {
    this.list.update((list) => list && { items: list.items.map((item) => (item.id === record.id ? record : item)) });
    this.list.reload();
    return record;
  }
}
