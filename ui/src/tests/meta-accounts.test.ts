// Instagram and Facebook Pages on the accounts screen, against a fake shell: both connect wizards
// step by step (what Meta requires, the app, the authorisation, the Page picker), every connect
// error in the seller's words, and the cards when Meta's access is about to run out or is gone.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { AccountView, AccountsOverview, IpcError, PageChoice } from '$lib/ipc/bindings';
import { clock } from '$lib/stores/clock.svelte';
import { installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;

function account(id: number, overrides: Partial<AccountView> = {}): AccountView {
  return {
    id,
    channel: 'instagram',
    display_name: '@barro.y.lana',
    external_id: String(1000 + id),
    settings: {},
    disabled: false,
    demo: false,
    sync: {
      state: 'ok',
      last_success_at: NOW - 60,
      last_attempt_at: NOW - 60,
      error_code: null,
      error_detail: null,
      retry_at: null,
      updates_may_be_lost: false,
    },
    access_expires_at: null,
    ...overrides,
  };
}

function overview(accounts: AccountView[]): AccountsOverview {
  return { accounts, secrets: 'keychain', secrets_detail: null, secrets_set_aside: null, demo_running: false };
}

const PAGES: PageChoice[] = [
  { id: '101', name: 'Barro y Lana', instagram_username: 'barro.y.lana' },
  { id: '202', name: 'Barro y Lana Mayorista', instagram_username: null },
];

type Failures = Partial<Record<string, IpcError>>;

/** A shell whose Meta connect commands succeed unless `fail` names them. */
function metaShell(fail: Failures = {}, pages: PageChoice[] = PAGES) {
  const connected: AccountView[] = [];
  const shell = installShell({
    rows: [row(1)],
    extra: (command, args) => {
      const failure = fail[command];
      if (failure) return Promise.reject(failure);
      switch (command) {
        case 'accounts_list':
          return overview(connected);
        case 'account_connect_instagram_start':
          return { authorize_url: 'https://www.instagram.com/oauth/authorize?client_id=77&response_type=code' };
        case 'account_connect_instagram_finish': {
          const id = 10 + connected.length;
          connected.push(account(id, { display_name: connected.length === 0 ? '@barro.y.lana' : '@lana.mayorista' }));
          return id;
        }
        case 'account_connect_facebook_start':
          return { authorize_url: 'https://www.facebook.com/v24.0/dialog/oauth?client_id=88' };
        case 'account_connect_facebook_pages':
          return pages;
        case 'account_connect_messenger': {
          const page = pages.find((p) => p.id === args.pageId);
          connected.push(account(30, { channel: 'messenger', display_name: page?.name ?? '?' }));
          return 30;
        }
        default:
          return undefined;
      }
    },
  });
  return shell;
}

async function openWizard(button: 'connect-instagram' | 'connect-facebook') {
  render(App);
  await fireEvent.click(await screen.findByTestId('open-accounts'));
  await fireEvent.click(await screen.findByTestId(button));
}

async function fillApp(prefix: 'ig' | 'fb', humanAgent = false) {
  await fireEvent.input(screen.getByTestId(`${prefix}-app-id`), { target: { value: ' 77 ' } });
  await fireEvent.input(screen.getByTestId(`${prefix}-app-secret`), { target: { value: 'app-s3cret' } });
  await fireEvent.input(screen.getByTestId(`${prefix}-redirect-uri`), { target: { value: 'https://mitienda.com/meta' } });
  if (humanAgent) await fireEvent.click(screen.getByTestId(`${prefix}-human-agent`));
  await fireEvent.click(screen.getByTestId(`${prefix}-next`));
}

/** The Instagram wizard up to its last step, the address pasted. */
async function instagramToFinish(fail: Failures = {}) {
  const shell = metaShell(fail);
  await openWizard('connect-instagram');
  await fireEvent.click(await screen.findByTestId('ig-next'));
  await fillApp('ig');
  await fireEvent.input(screen.getByTestId('ig-pasted'), { target: { value: 'https://mitienda.com/meta?code=AQD#_' } });
  return shell;
}

/** The Facebook wizard up to the authorisation step, the address pasted. */
async function facebookToPages(fail: Failures = {}, pages: PageChoice[] = PAGES) {
  const shell = metaShell(fail, pages);
  await openWizard('connect-facebook');
  await fireEvent.click(await screen.findByTestId('fb-next'));
  await fillApp('fb', true);
  await fireEvent.input(screen.getByTestId('fb-pasted'), { target: { value: 'https://mitienda.com/meta?code=FB1' } });
  return shell;
}

describe('the Instagram wizard', () => {
  it('says what Meta requires, then connects with the app, the authorisation and the pasted address', async () => {
    const shell = metaShell();
    await openWizard('connect-instagram');
    const wizard = await screen.findByTestId('ig-wizard');
    expect(screen.getByTestId('ig-step').textContent).toBe('Paso 1 de 3');
    // Said before anything is asked: a professional account, an own app, a role, development mode.
    expect(wizard.textContent).toContain('cuenta de Instagram profesional');
    expect(wizard.textContent).toContain('Tu propia app de Meta');
    expect(wizard.textContent).toContain('Un rol en esa app');
    expect(wizard.textContent).toContain('modo de desarrollo');
    expect(wizard.textContent).toContain('personas con un rol en la app');
    expect(wizard.textContent).toContain('varias cuentas de Instagram');
    await fireEvent.click(screen.getByTestId('ig-next'));

    expect(wizard.querySelectorAll('ol li')).toHaveLength(4);
    expect(wizard.textContent).toContain('developers.facebook.com');
    await fireEvent.click(screen.getByTestId('ig-next'));
    expect(screen.getByTestId('ig-missing').textContent).toContain('Completa el ID de la app');
    await fillApp('ig', true);
    expect(screen.getByTestId('ig-step').textContent).toBe('Paso 3 de 3');
    // Meta takes only https return addresses.
    await fireEvent.click(screen.getByText('Atrás'));
    await fireEvent.input(screen.getByTestId('ig-redirect-uri'), { target: { value: 'http://mitienda.com/meta' } });
    await fireEvent.click(screen.getByTestId('ig-next'));
    expect(screen.getByTestId('ig-missing')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('ig-redirect-uri'), { target: { value: 'https://mitienda.com/meta' } });
    await fireEvent.click(screen.getByTestId('ig-next'));
    expect(screen.getByTestId('ig-step').textContent).toBe('Paso 3 de 3');

    await fireEvent.click(screen.getByTestId('ig-open-auth'));
    await waitFor(() =>
      expect(shell.callsTo('account_connect_instagram_start')[0]?.args).toEqual({
        request: { app_id: '77', redirect_uri: 'https://mitienda.com/meta' },
      }),
    );
    expect((await screen.findByTestId('ig-authorize-url')).textContent).toContain('www.instagram.com/oauth/authorize');

    await fireEvent.click(screen.getByTestId('ig-finish'));
    expect(screen.getByTestId('ig-paste-missing').textContent).toContain('Pega la dirección o el código');
    expect(shell.callsTo('account_connect_instagram_finish')).toHaveLength(0);
    await fireEvent.input(screen.getByTestId('ig-pasted'), { target: { value: ' https://mitienda.com/meta?code=AQD#_ ' } });
    await fireEvent.click(screen.getByTestId('ig-finish'));
    expect((await screen.findByTestId('ig-success')).textContent).toContain('La cuenta @barro.y.lana quedó conectada');
    expect(shell.callsTo('account_connect_instagram_finish')[0]?.args).toEqual({
      request: {
        app_id: '77',
        app_secret: 'app-s3cret',
        redirect_uri: 'https://mitienda.com/meta',
        pasted: 'https://mitienda.com/meta?code=AQD#_',
        human_agent: true,
      },
    });

    // Several accounts: the next one goes straight to authorising, with a word about the browser.
    await fireEvent.click(screen.getByTestId('ig-another'));
    expect(screen.getByTestId('ig-step').textContent).toBe('Paso 3 de 3');
    expect(screen.getByTestId('ig-switch-account').textContent).toContain('la otra cuenta de Instagram');
    expect((screen.getByTestId('ig-pasted') as HTMLInputElement).value).toBe('');
    await fireEvent.input(screen.getByTestId('ig-pasted'), { target: { value: 'AQX' } });
    await fireEvent.click(screen.getByTestId('ig-finish'));
    expect((await screen.findByTestId('ig-success')).textContent).toContain('@lana.mayorista');
    expect(shell.callsTo('account_connect_instagram_finish')[1]?.args).toMatchObject({
      request: { app_id: '77', app_secret: 'app-s3cret', pasted: 'AQX' },
    });

    await fireEvent.click(screen.getByTestId('ig-done'));
    expect(await screen.findAllByTestId('account-card')).toHaveLength(2);
  });

  it.each([
    ['connect_missing_code', 'no tiene el código de autorización', 'Instagram'],
    ['connect_denied', 'Instagram no autorizó a tu app', '«Ahora no»'],
    ['connect_code_rejected', 'Instagram no aceptó el código', 'exactamente la registrada'],
    ['connect_wrong_client', 'Meta no reconoce el ID o la clave secreta', 'paso 3'],
    ['connect_not_professional', 'es personal', 'Cambiar a cuenta profesional'],
    ['permission_missing', 'no tiene todos los permisos', 'mensajes y comentarios'],
    ['offline', 'No hay conexión', 'internet'],
  ])('explains %s in plain words and keeps the seller on the step', async (code, first, second) => {
    await instagramToFinish({ account_connect_instagram_finish: { code, message: `meta said ${code}` } });
    await fireEvent.click(screen.getByTestId('ig-finish'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe(code);
    expect(banner.textContent).toContain('No se pudo conectar');
    expect(banner.textContent).toContain(first);
    expect(banner.textContent).toContain(second);
    expect(banner.textContent).not.toContain('Mercado Libre');
    expect(screen.queryByTestId('ig-success')).toBeNull();
    expect(screen.getByTestId('ig-step').textContent).toBe('Paso 3 de 3');
  });

  it('says so when the shell refuses to open a page that is not Instagram', async () => {
    await instagramToFinish({ account_connect_instagram_start: { code: 'connect_auth_host', message: 'not an auth page' } });
    await fireEvent.click(screen.getByTestId('ig-open-auth'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('no es una página de autorización de Instagram');
    expect(screen.queryByTestId('ig-authorize-url')).toBeNull();
  });

  it('speaks English and Portuguese too', async () => {
    metaShell();
    render(App);
    const { i18n } = await import('$lib/i18n/i18n.svelte');
    i18n.set('en');
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('connect-instagram'));
    expect((await screen.findByTestId('ig-wizard')).textContent).toContain('A professional Instagram account');
    i18n.set('pt-BR');
    await waitFor(() => expect(screen.getByTestId('ig-wizard').textContent).toContain('Uma conta profissional do Instagram'));
  });
});

describe('the Facebook Page wizard', () => {
  it('lists the Pages with their linked Instagram and connects the one picked', async () => {
    const shell = await facebookToPages();
    const wizard = screen.getByTestId('fb-wizard');
    await fireEvent.click(screen.getByTestId('fb-pages'));
    await waitFor(() => expect(screen.getByTestId('fb-step').textContent).toBe('Paso 4 de 4'));
    expect(shell.callsTo('account_connect_facebook_pages')[0]?.args).toEqual({
      request: {
        app_id: '77',
        app_secret: 'app-s3cret',
        redirect_uri: 'https://mitienda.com/meta',
        pasted: 'https://mitienda.com/meta?code=FB1',
      },
    });
    const pages = screen.getAllByTestId('fb-page');
    expect(pages.map((p) => p.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Barro y Lana Instagram vinculado: @barro.y.lana',
      'Barro y Lana Mayorista Sin Instagram vinculado',
    ]);
    expect(wizard.textContent).toContain('con «Conectar Instagram»');

    // Two Pages: nothing is picked for the seller.
    await fireEvent.click(screen.getByTestId('fb-connect'));
    expect(screen.getByTestId('fb-missing').textContent).toBe('Elige una Página.');
    expect(shell.callsTo('account_connect_messenger')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('fb-page-202'));
    await fireEvent.click(screen.getByTestId('fb-connect'));
    expect((await screen.findByTestId('fb-success')).textContent).toContain('La Página Barro y Lana Mayorista quedó conectada');
    expect(shell.callsTo('account_connect_messenger')[0]?.args).toEqual({ pageId: '202', humanAgent: true });

    // Another Page needs a new login: back to Facebook's dialog.
    await fireEvent.click(screen.getByTestId('fb-another'));
    expect(screen.getByTestId('fb-step').textContent).toBe('Paso 3 de 4');
    expect((screen.getByTestId('fb-pasted') as HTMLInputElement).value).toBe('');
  });

  it('picks the only Page there is', async () => {
    const shell = await facebookToPages({}, [PAGES[0]!]);
    await fireEvent.click(screen.getByTestId('fb-pages'));
    expect((await screen.findByTestId('fb-page-101') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId('fb-connect'));
    await screen.findByTestId('fb-success');
    expect(shell.callsTo('account_connect_messenger')[0]?.args).toEqual({ pageId: '101', humanAgent: true });
  });

  it.each([
    ['connect_no_pages', 'no administra ninguna Página'],
    ['connect_denied', 'Facebook no autorizó a tu app'],
    ['connect_code_rejected', 'Facebook no aceptó el código'],
    ['connect_wrong_client', 'Meta no reconoce el ID'],
    ['connect_missing_code', 'en Facebook, copia la dirección completa'],
  ])('explains %s when reading the Pages', async (code, sentence) => {
    await facebookToPages({ account_connect_facebook_pages: { code, message: code } });
    await fireEvent.click(screen.getByTestId('fb-pages'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe(code);
    expect(banner.textContent).toContain(sentence);
    expect(screen.getByTestId('fb-step').textContent).toBe('Paso 3 de 4');
  });

  it.each([
    ['connect_unknown_page', 'no está entre las que autorizaste'],
    ['connect_login_expired', 'ya no está disponible'],
  ])('explains %s when connecting the Page', async (code, sentence) => {
    await facebookToPages({ account_connect_messenger: { code, message: code } }, [PAGES[0]!]);
    await fireEvent.click(screen.getByTestId('fb-pages'));
    await fireEvent.click(await screen.findByTestId('fb-connect'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain(sentence);
    expect(screen.queryByTestId('fb-success')).toBeNull();
    if (code === 'connect_login_expired') {
      await fireEvent.click(screen.getByTestId('fb-login-again'));
      expect(screen.getByTestId('fb-step').textContent).toBe('Paso 3 de 4');
      expect(screen.queryByTestId('error-banner')).toBeNull();
    } else {
      expect(screen.queryByTestId('fb-login-again')).toBeNull();
    }
  });
});

describe('Meta accounts on their cards', () => {
  function cardsShell(accounts: AccountView[]) {
    return installShell({ rows: [row(1)], extra: (command) => (command === 'accounts_list' ? overview(accounts) : undefined) });
  }

  it('warns a week before Instagram access runs out, and not earlier', async () => {
    clock.now = NOW;
    cardsShell([
      account(1, { access_expires_at: NOW + 3 * DAY }),
      account(2, { display_name: '@otra', access_expires_at: NOW + 40 * DAY }),
      account(3, { display_name: '@vieja', access_expires_at: NOW - DAY }),
    ]);
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const [soon, later, gone] = await screen.findAllByTestId('account-card');
    expect(within(soon!).getByTestId('account-expiry').textContent).toMatch(/^El acceso a Instagram vence el .+ Mostrador lo renueva solo/);
    expect(within(later!).queryByTestId('account-expiry')).toBeNull();
    expect(within(later!).queryByTestId('account-reconnect')).toBeNull();
    expect(within(gone!).getByTestId('account-expiry').textContent).toContain('venció el');
    await fireEvent.click(within(soon!).getByTestId('account-reconnect'));
    expect(await screen.findByTestId('ig-wizard')).toBeTruthy();
  });

  it('says plainly why Meta took the access back, and connects again with the right wizard', async () => {
    const revoked = { ...account(1).sync, state: 'needs_reconnect' as const, error_code: 'token_revoked', error_detail: 'OAuthException 190' };
    cardsShell([
      account(1, { sync: revoked }),
      account(2, { channel: 'messenger', display_name: 'Barro y Lana', sync: revoked }),
      account(3, { channel: 'mercado_libre', display_name: 'BARRO', sync: revoked }),
    ]);
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const [instagram, messenger, ml] = await screen.findAllByTestId('account-card');
    const lost = within(instagram!).getByTestId('account-access-lost').textContent ?? '';
    expect(lost).toContain('Instagram ya no acepta el acceso de Mostrador.');
    expect(lost).toContain('cambias la contraseña de Instagram');
    expect(lost).toContain('quitas la app de tu cuenta');
    expect(within(instagram!).queryByTestId('account-reason')).toBeNull();
    expect(within(messenger!).getByTestId('account-access-lost').textContent).toContain('Facebook ya no acepta');
    // Mercado Libre keeps its own words and its own way.
    expect(within(ml!).queryByTestId('account-access-lost')).toBeNull();
    expect(within(ml!).queryByTestId('account-reconnect')).toBeNull();
    expect(within(ml!).getByTestId('account-reason').textContent).toContain('Conéctala otra vez');

    await fireEvent.click(within(messenger!).getByTestId('account-reconnect'));
    expect(await screen.findByTestId('fb-wizard')).toBeTruthy();
  });
});
