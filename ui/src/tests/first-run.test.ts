// Boot and the welcome screen against a fake shell: an empty store, the sample shop or an empty
// start, a failed start with Retry, a newer database, and the language chosen or followed.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

describe('first run', () => {
  it('welcomes a seller with an empty store', async () => {
    installShell({ empty: true });
    render(App);
    const screenRoot = await screen.findByTestId('first-run');
    expect(screenRoot.textContent).toContain('Te damos la bienvenida a Mostrador');
    expect(screen.getByTestId('try-sample-shop').textContent).toContain('Probar una tienda de ejemplo');
    expect(screen.getByTestId('start-empty').textContent).toContain('Empezar con mi tienda vacía');
  });

  it('loads the sample shop and shows the inbox', async () => {
    const shell = installShell({ empty: true, rows: [row(1, { buyer_name: 'Martina Gómez' })] });
    render(App);
    await fireEvent.click(await screen.findByTestId('try-sample-shop'));

    expect(shell.callsTo('sample_shop_load')).toHaveLength(1);
    await screen.findByTestId('inbox');
    expect(screen.queryByTestId('first-run')).toBeNull();
    const rows = await screen.findAllByTestId('inbox-row');
    expect(rows[0]?.textContent).toContain('Martina Gómez');
  });

  it('starts empty with an inbox that explains what comes next', async () => {
    installShell({ empty: true });
    render(App);
    await fireEvent.click(await screen.findByTestId('start-empty'));
    const empty = await screen.findByTestId('inbox-empty');
    expect(empty.textContent).toContain('Tu bandeja está lista');
  });

  it('keeps the seller on the welcome screen, with Retry, when the sample shop fails', async () => {
    const shell = installShell({
      empty: true,
      failing: { sample_shop_load: { code: 'disk_full', message: 'database or disk is full' } },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('try-sample-shop'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('Tu disco está lleno');
    expect(banner.textContent).toContain('database or disk is full');

    shell.heal('sample_shop_load');
    await fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    await screen.findByTestId('inbox');
  });

  it('can switch language before starting', async () => {
    installShell({ empty: true });
    render(App);
    const select = (await screen.findByTestId('first-run-language')) as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: 'pt-BR' } });
    await waitFor(() => expect(screen.getByTestId('try-sample-shop').textContent).toContain('Experimentar'));
    expect(document.documentElement.lang).toBe('pt-BR');
  });
});

describe('boot', () => {
  it('explains a database from a newer version calmly, with Retry', async () => {
    const shell = installShell({
      rows: [row(1)],
      failing: { app_info: { code: 'database_too_new', message: 'schema 9, this version knows up to 3' } },
    });
    render(App);
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe('database_too_new');
    // Without the shell's locale the webview's language is used (jsdom says en-US).
    expect(navigator.language).toBe('en-US');
    expect(banner.textContent).toContain('saved by a newer version of Mostrador');
    expect(banner.textContent).toContain('schema 9');

    shell.heal('app_info');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('inbox-title')).textContent).toBe('Bandeja de entrada');
  });

  it('follows the OS language when nothing is saved', async () => {
    installShell({ osLocale: 'pt-BR', rows: [row(1)] });
    render(App);
    expect((await screen.findByTestId('inbox-title')).textContent).toBe('Caixa de entrada');
  });

  it('falls back to Spanish for a language the app does not speak', async () => {
    installShell({ osLocale: 'fr-FR', rows: [row(1)] });
    render(App);
    expect((await screen.findByTestId('inbox-title')).textContent).toBe('Bandeja de entrada');
    expect(document.documentElement.lang).toBe('es');
  });
});
