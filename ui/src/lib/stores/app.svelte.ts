// What the whole app knows: where it is (first run, inbox), the shell's info and the settings.

import { i18n } from '$lib/i18n/i18n.svelte';
import { resolveLocale } from '$lib/i18n/locale';
import type { AppInfo, IpcError, Language, Settings } from '$lib/ipc/bindings';
import { appInfo, sampleShopLoad, settingsGet, settingsSave } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

export type Phase = 'loading' | 'boot-error' | 'first-run' | 'inbox';
export type LanguageChoice = 'auto' | Language;

function browserLanguage(): string | null {
  return typeof navigator === 'undefined' ? null : (navigator.language ?? null);
}

class AppState {
  phase = $state<Phase>('loading');
  info = $state<AppInfo | null>(null);
  settings = $state<Settings | null>(null);
  bootError = $state<IpcError | null>(null);

  sampleLoading = $state(false);
  sampleError = $state<IpcError | null>(null);

  settingsOpen = $state(false);
  settingsSaving = $state(false);
  settingsError = $state<IpcError | null>(null);

  languageChoice = $derived<LanguageChoice>(this.settings?.language ?? 'auto');

  /** Asks the shell what it has; decides between the welcome screen and the inbox. */
  async boot(): Promise<void> {
    this.phase = 'loading';
    this.bootError = null;
    // Speak the system's language even if opening the database fails.
    i18n.set(resolveLocale(null, this.info?.os_locale, browserLanguage()));
    try {
      const [info, settings] = await Promise.all([appInfo(), settingsGet()]);
      this.info = info;
      this.settings = settings;
      this.applyLanguage();
      this.phase = info.empty ? 'first-run' : 'inbox';
    } catch (error) {
      this.bootError = toIpcError(error);
      this.phase = 'boot-error';
    }
  }

  async loadSampleShop(): Promise<void> {
    if (this.sampleLoading) return;
    this.sampleLoading = true;
    this.sampleError = null;
    try {
      await sampleShopLoad();
      // The sample shop brings its own shop name and time zone.
      this.settings = await settingsGet();
      this.applyLanguage();
      if (this.info) this.info = { ...this.info, empty: false };
      this.phase = 'inbox';
    } catch (error) {
      this.sampleError = toIpcError(error);
    } finally {
      this.sampleLoading = false;
    }
  }

  startEmpty(): void {
    this.phase = 'inbox';
  }

  /** The demo store started: its inbox fills as the simulated channels sync. */
  enterDemo(): void {
    if (this.info) this.info = { ...this.info, empty: false };
    this.phase = 'inbox';
  }

  /** Switches the language at once and saves the choice; puts it back if saving fails. */
  async setLanguage(choice: LanguageChoice): Promise<void> {
    const previous = this.settings;
    const next: Settings = {
      language: choice === 'auto' ? null : choice,
      shop_name: previous?.shop_name ?? null,
      time_zone: previous?.time_zone ?? null,
    };
    this.settings = next;
    this.applyLanguage();
    this.settingsSaving = true;
    this.settingsError = null;
    try {
      this.settings = await settingsSave(next);
      this.applyLanguage();
    } catch (error) {
      this.settings = previous;
      this.applyLanguage();
      this.settingsError = toIpcError(error);
    } finally {
      this.settingsSaving = false;
    }
  }

  openSettings(): void {
    this.settingsError = null;
    this.settingsOpen = true;
  }

  closeSettings(): void {
    this.settingsOpen = false;
  }

  /** The shop's zone for dates, when the seller set one. */
  get timeZone(): string | undefined {
    return this.settings?.time_zone ?? undefined;
  }

  /** Back to the state before boot (tests). */
  reset(): void {
    this.phase = 'loading';
    this.info = null;
    this.settings = null;
    this.bootError = null;
    this.sampleLoading = false;
    this.sampleError = null;
    this.settingsOpen = false;
    this.settingsSaving = false;
    this.settingsError = null;
  }

  private applyLanguage(): void {
    i18n.set(resolveLocale(this.settings?.language, this.info?.os_locale, browserLanguage()));
  }
}

export const app = new AppState();
