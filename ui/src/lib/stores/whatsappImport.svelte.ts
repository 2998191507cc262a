// Importing a WhatsApp export: the file (from the picker, a drop on the window or the test path
// field) is previewed first — nothing is written — then imported with what the seller chose.

import { whatsappImport as importWhatsAppExport, whatsappPreview } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import type {
  DateOrder,
  IpcError,
  WhatsAppImportOptions,
  WhatsAppImportReport,
  WhatsAppPreview,
} from '$lib/ipc/bindings';

export type ImportPhase = 'closed' | 'reading' | 'preview' | 'importing' | 'done' | 'failed';

/** Only these are chat exports; anything else dropped on the window is refused before reading it. */
export function isExportPath(path: string): boolean {
  return /\.(txt|zip)$/i.test(path.trim());
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

class WhatsAppImport {
  phase = $state<ImportPhase>('closed');
  path = $state('');
  preview = $state<WhatsAppPreview | null>(null);
  report = $state<WhatsAppImportReport | null>(null);
  error = $state<IpcError | null>(null);
  me = $state<string | null>(null);
  dateOrder = $state<DateOrder | null>(null);
  timeZone = $state<string | null>(null);
  /** Counts the previews asked for, so a slow answer to an older choice is dropped. */
  #asked = 0;

  get options(): WhatsAppImportOptions {
    return { me: this.me, date_order: this.dateOrder, time_zone: this.timeZone, account_id: null };
  }

  /** The one way in, whatever brought the file: the picker, a drop, or the test path field. */
  async start(path: string): Promise<void> {
    this.path = path.trim();
    this.preview = null;
    this.report = null;
    this.me = null;
    this.dateOrder = null;
    this.timeZone = null;
    if (!isExportPath(this.path)) {
      this.error = { code: 'whatsapp_not_an_export', message: fileName(this.path) };
      this.phase = 'failed';
      return;
    }
    this.phase = 'reading';
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const asked = ++this.#asked;
    this.error = null;
    try {
      const preview = await whatsappPreview(this.path, this.options);
      if (asked !== this.#asked) return;
      this.preview = preview;
      this.me = preview.me;
      this.timeZone = preview.time_zone;
      this.phase = 'preview';
    } catch (error) {
      if (asked !== this.#asked) return;
      this.error = toIpcError(error);
      // A bad file has nothing to preview; a bad choice keeps the preview on screen.
      this.phase = this.preview ? 'preview' : 'failed';
    }
  }

  chooseMe(name: string): Promise<void> {
    this.me = name;
    return this.refresh();
  }

  setDateOrder(order: DateOrder | null): Promise<void> {
    this.dateOrder = order;
    return this.refresh();
  }

  setTimeZone(zone: string): Promise<void> {
    this.timeZone = zone;
    return this.refresh();
  }

  get canImport(): boolean {
    return this.phase === 'preview' && this.preview !== null && (!this.preview.needs_me || this.me !== null);
  }

  async confirm(): Promise<void> {
    if (!this.canImport) return;
    this.phase = 'importing';
    this.error = null;
    try {
      this.report = await importWhatsAppExport(this.path, this.options);
      this.phase = 'done';
    } catch (error) {
      this.error = toIpcError(error);
      this.phase = 'preview';
    }
  }

  close(): void {
    this.#asked++;
    this.phase = 'closed';
    this.preview = null;
    this.report = null;
    this.error = null;
  }
}

export const whatsappImport = new WhatsAppImport();
