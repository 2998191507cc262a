// The seller's connected accounts (Mercado Libre, Telegram, Instagram, Facebook Pages, mailboxes): their sync
// state, the connect wizards, where secrets are kept, and the demo store.

import type { AccountView, AccountsOverview, IpcError } from '$lib/ipc/bindings';
import {
  accountSetDisabled,
  accountSyncNow,
  accountsList,
  demoStart,
  secretsAllowFileFallback,
} from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

export type Wizard = 'none' | 'mercado_libre' | 'telegram' | 'instagram' | 'messenger' | 'email' | 'etsy';

/** What a card says about an account, in the order the seller should care about. */
export type AccountCondition =
  | 'demo_stopped'
  | 'by_mail'
  | 'disabled'
  | 'needs_reconnect'
  | 'failing'
  | 'offline'
  | 'retrying'
  | 'never_synced'
  | 'ok';

/** Instagram's token lives 60 days and the app refreshes it while it runs: warn this close to the end. */
export const EXPIRY_WARNING_SECONDS = 7 * 24 * 3600;

/** The access stops working soon (or has stopped) unless the app refreshes it first. */
export function expiresSoon(account: AccountView, now: number): boolean {
  return account.access_expires_at !== null && account.access_expires_at - now <= EXPIRY_WARNING_SECONDS;
}

/** Meta no longer takes the account's access (expired, password changed, app removed): connect again. */
export function metaAccessLost(account: AccountView): boolean {
  return (
    (account.channel === 'instagram' || account.channel === 'messenger') &&
    account.sync.state === 'needs_reconnect' &&
    account.sync.error_code === 'token_revoked'
  );
}

export function conditionOf(account: AccountView, demoRunning: boolean): AccountCondition {
  if (account.demo && !demoRunning) return 'demo_stopped';
  if (account.disabled) return 'disabled';
  // Etsy's conversations come in as its notices to a connected mailbox: no sync of its own until
  // the shop connects Etsy's orders (then it has an API address and syncs like the others).
  if (
    account.channel === 'etsy' &&
    typeof account.settings.notices_from_account === 'number' &&
    typeof account.settings.api_base !== 'string'
  )
    return 'by_mail';
  return account.sync.state;
}

class AccountsState {
  open = $state(false);
  overview = $state.raw<AccountsOverview | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);
  wizard = $state<Wizard>('none');
  /** Accounts with a "Sync now" or enable/disable on its way. */
  pending = $state<number[]>([]);

  demoStarting = $state(false);
  demoError = $state<IpcError | null>(null);

  get accounts(): AccountView[] {
    return this.overview?.accounts ?? [];
  }

  get demoRunning(): boolean {
    return this.overview?.demo_running ?? false;
  }

  show(wizard: Wizard = 'none'): void {
    this.open = true;
    this.wizard = wizard;
    void this.refresh();
  }

  hide(): void {
    this.open = false;
    this.wizard = 'none';
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.overview = await accountsList();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    } finally {
      this.loading = false;
    }
  }

  async syncNow(accountId: number): Promise<void> {
    await this.act(accountId, () => accountSyncNow(accountId));
  }

  async setDisabled(accountId: number, disabled: boolean): Promise<void> {
    await this.act(accountId, () => accountSetDisabled(accountId, disabled));
  }

  async allowFileFallback(): Promise<void> {
    try {
      this.overview = await secretsAllowFileFallback();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** A wizard finished: back to the list, which now has the new account. */
  async connected(): Promise<void> {
    this.wizard = 'none';
    await this.refresh();
  }

  /** The first-run button: the demo store starts, then the inbox fills as it syncs. */
  async startDemo(): Promise<boolean> {
    if (this.demoStarting) return false;
    this.demoStarting = true;
    this.demoError = null;
    try {
      await demoStart();
      return true;
    } catch (error) {
      this.demoError = toIpcError(error);
      return false;
    } finally {
      this.demoStarting = false;
    }
  }

  /** A stopped demo's card: the simulator starts again and its accounts sync again. */
  async restartDemo(): Promise<void> {
    if (await this.startDemo()) await this.refresh();
  }

  reset(): void {
    this.open = false;
    this.overview = null;
    this.loading = false;
    this.error = null;
    this.wizard = 'none';
    this.pending = [];
    this.demoStarting = false;
    this.demoError = null;
  }

  private async act(accountId: number, write: () => Promise<unknown>): Promise<void> {
    this.pending = [...this.pending, accountId];
    try {
      await write();
      this.error = null;
      await this.refresh();
    } catch (error) {
      this.error = toIpcError(error);
    } finally {
      this.pending = this.pending.filter((id) => id !== accountId);
    }
  }
}

export const accounts = new AccountsState();
