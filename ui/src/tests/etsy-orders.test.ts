// Etsy's orders against a fake shell: the Etsy card made by the notice e-mails offers to bring the
// orders in, the wizard (the seller's app, Etsy's page opened with the verifier kept, the landed
// address pasted back), its errors in the seller's words, and a card that must connect again.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { AccountView, AccountsOverview, IpcError, SyncState } from '$lib/ipc/bindings';
import { installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const NOW = Math.floor(Date.now() / 1000);
const AUTHORIZE =
  'https://www.etsy.com/oauth/connect?response_type=code&client_id=k3ystr1ng&redirect_uri=https%3A%2F%2Flocalhost%2Fmostrador&scope=transactions_r+shops_r&state=mostrador-1&code_challenge=abc&code_challenge_method=S256';

function etsyAccount(options: { api: boolean; state?: SyncState; errorCode?: string | null }): AccountView {
  return {
    id: 4,
    channel: 'etsy',
    display_name: options.api ? 'BarroYLanaStudio' : 'Etsy',
    external_id: options.api ? '70123456' : null,
    settings: options.api
      ? { notices_from_account: 2, api_base: 'https://api.etsy.com', shop_id: '31234567' }
      : { notices_from_account: 2 },
    disabled: false,
    demo: false,
    sync: {
      state: options.state ?? 'ok',
      last_success_at: NOW - 120,
      last_attempt_at: NOW - 60,
      error_code: options.errorCode ?? null,
      error_detail: options.errorCode ? 'invalid_grant: refresh token expired' : null,
      retry_at: null,
      updates_may_be_lost: false,
    },
    access_expires_at: null,
  };
}

function overview(accounts: AccountView[]): AccountsOverview {
  return { accounts, secrets: 'keychain', secrets_detail: null, secrets_set_aside: null, demo_running: false };
}

function etsyShell(options: { account: AccountView; fail?: IpcError }) {
  let account = options.account;
  return installShell({
    rows: [row(1)],
    extra: (command) => {
      switch (command) {
        case 'accounts_list':
          return overview([account]);
        case 'account_etsy_open_apps_page':
          return null;
        case 'account_connect_etsy_start':
          return { authorize_url: AUTHORIZE, code_verifier: 'v3rifier-from-the-shell' };
        case 'account_connect_etsy_finish':
          if (options.fail) return Promise.reject(options.fail);
          account = etsyAccount({ api: true, state: 'never_synced' });
          return account.id;
        default:
          return undefined;
      }
    },
  });
}

async function openCard() {
  render(App);
  await fireEvent.click(await screen.findByTestId('open-accounts'));
  return screen.findByTestId('account-card');
}

describe('the Etsy card', () => {
  it('offers to bring in the orders while only the notices come by mail', async () => {
    etsyShell({ account: etsyAccount({ api: false }) });
    const card = await openCard();
    expect(card.getAttribute('data-state')).toBe('by_mail');
    expect(within(card).queryByTestId('account-sync-now')).toBeNull();
    const bring = within(card).getByTestId('account-etsy-orders');
    expect(bring.textContent?.trim()).toBe('Traer pedidos de Etsy');
    await fireEvent.click(bring);
    expect(await screen.findByTestId('etsy-wizard')).toBeTruthy();
  });

  it('syncs like the other accounts once the orders are connected', async () => {
    etsyShell({ account: etsyAccount({ api: true }) });
    const card = await openCard();
    expect(card.getAttribute('data-state')).toBe('ok');
    expect(within(card).getByTestId('account-sync-now')).toBeTruthy();
    expect(within(card).queryByTestId('account-etsy-orders')).toBeNull();
    expect(card.textContent).toContain('los pedidos nuevos de Etsy llegan solos');
  });

  it('asks to connect again when Etsy no longer accepts the access', async () => {
    etsyShell({ account: etsyAccount({ api: true, state: 'needs_reconnect', errorCode: 'token_revoked' }) });
    const card = await openCard();
    const again = within(card).getByTestId('account-etsy-orders');
    expect(again.textContent?.trim()).toBe('Volver a conectar Etsy');
    expect(again.classList.contains('btn-primary')).toBe(true);
    await fireEvent.click(again);
    expect(await screen.findByTestId('etsy-wizard')).toBeTruthy();
  });
});

describe('the Etsy wizard', () => {
  async function toAuthorizeStep() {
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('connect-etsy'));
    await screen.findByTestId('etsy-wizard');
  }

  it('asks for the app, opens Etsy, and connects with what the browser landed on', async () => {
    const shell = etsyShell({ account: etsyAccount({ api: false }) });
    await toAuthorizeStep();
    expect(screen.getByTestId('etsy-step').textContent).toBe('Paso 1 de 2');
    await fireEvent.click(screen.getByTestId('etsy-open-apps'));
    await waitFor(() => expect(shell.callsTo('account_etsy_open_apps_page')).toHaveLength(1));

    // Nothing typed, or a redirect that is not https: said, and the step stays.
    await fireEvent.input(screen.getByTestId('etsy-redirect-uri'), { target: { value: 'http://localhost/x' } });
    await fireEvent.click(screen.getByTestId('etsy-next'));
    expect(screen.getByTestId('etsy-missing').textContent).toContain('https://');
    await fireEvent.input(screen.getByTestId('etsy-redirect-uri'), { target: { value: 'https://localhost/mostrador' } });
    await fireEvent.input(screen.getByTestId('etsy-keystring'), { target: { value: '  k3ystr1ng ' } });
    await fireEvent.click(screen.getByTestId('etsy-next'));
    expect(screen.getByTestId('etsy-step').textContent).toBe('Paso 2 de 2');

    // Pasting before opening Etsy from here: the verifier would be missing.
    await fireEvent.input(screen.getByTestId('etsy-pasted'), { target: { value: 'https://localhost/mostrador?code=abc' } });
    await fireEvent.click(screen.getByTestId('etsy-finish'));
    expect(screen.getByTestId('etsy-paste-missing').textContent).toContain('Primero abre Etsy');
    expect(shell.callsTo('account_connect_etsy_finish')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('etsy-open-auth'));
    expect((await screen.findByTestId('etsy-authorize-url')).textContent).toBe(AUTHORIZE);
    expect(shell.callsTo('account_connect_etsy_start')[0]?.args).toEqual({
      request: { keystring: 'k3ystr1ng', redirect_uri: 'https://localhost/mostrador' },
    });
    await fireEvent.click(screen.getByTestId('etsy-finish'));
    const success = await screen.findByTestId('etsy-success');
    expect(success.textContent).toContain('BarroYLanaStudio');
    expect(success.textContent).toContain('calendario de producción');
    expect(shell.callsTo('account_connect_etsy_finish')[0]?.args).toEqual({
      request: {
        keystring: 'k3ystr1ng',
        redirect_uri: 'https://localhost/mostrador',
        pasted: 'https://localhost/mostrador?code=abc',
        code_verifier: 'v3rifier-from-the-shell',
      },
    });
  });

  it.each([
    ['connect_code_rejected', 'etsy no aceptó el código'],
    ['connect_wrong_client', 'keystring'],
    ['offline', 'conexión'],
  ])('says %s in the seller’s words and keeps what was typed', async (code, words) => {
    etsyShell({ account: etsyAccount({ api: false }), fail: { code, message: 'refused' } });
    await toAuthorizeStep();
    await fireEvent.input(screen.getByTestId('etsy-keystring'), { target: { value: 'k3ystr1ng' } });
    await fireEvent.click(screen.getByTestId('etsy-next'));
    await fireEvent.click(screen.getByTestId('etsy-open-auth'));
    await screen.findByTestId('etsy-authorize-url');
    await fireEvent.input(screen.getByTestId('etsy-pasted'), { target: { value: 'https://localhost/mostrador?code=old' } });
    await fireEvent.click(screen.getByTestId('etsy-finish'));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent?.toLowerCase()).toContain(words);
    expect(banner.textContent).not.toContain('Mercado Libre');
    expect((screen.getByTestId('etsy-pasted') as HTMLInputElement).value).toBe('https://localhost/mostrador?code=old');
  });
});
