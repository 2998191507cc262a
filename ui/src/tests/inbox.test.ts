// The inbox against a fake shell: rows in the core's order, the keyboard, opening, search, filters,
// the windowed list's paging, errors, and the settings dialog's language and data path.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const ids = () => screen.getAllByTestId('inbox-row').map((r) => Number(r.dataset.conversationId));
const selectedId = () =>
  Number(screen.getAllByTestId('inbox-row').find((r) => r.getAttribute('aria-selected') === 'true')?.dataset.conversationId);

describe('inbox', () => {
  it('shows rows in the order the core returns them', async () => {
    installShell({
      rows: [
        row(7, { buyer_name: 'Zoe', waiting_seconds: 60 }),
        row(3, { buyer_name: 'Ana', status: 'done', waiting_seconds: null, waiting_since: null }),
        row(9, { buyer_name: 'Mateo', pinned: true }),
      ],
    });
    render(App);
    await screen.findAllByTestId('inbox-row');
    expect(ids()).toEqual([7, 3, 9]);
  });

  it('shows what each row needs: waiting time, channel account, stage, tags, unread', async () => {
    installShell({
      rows: [
        row(1, {
          buyer_name: 'Martina',
          waiting_seconds: 3 * 3600 + 600,
          account_name: 'barroylana',
          order_stage: 'paid',
          tags: ['navidad'],
          unread: 2,
          subject: 'Taza esmaltada',
        }),
      ],
    });
    render(App);
    const [first] = await screen.findAllByTestId('inbox-row');
    const text = first?.textContent ?? '';
    expect(text).toContain('3 h');
    expect(text).toContain('barroylana');
    expect(text).toContain('Pagado');
    expect(text).toContain('navidad');
    expect(text).toContain('Taza esmaltada');
    expect(within(first!).getByRole('img', { name: '2 sin leer' })).toBeTruthy();
  });

  it('says what a wordless last message is (a story reply), not its file name', async () => {
    installShell({
      rows: [
        row(1, { channel: 'instagram', preview: 'story', preview_attachment: 'story_reply' }),
        row(2, { channel: 'instagram', preview: '¿La hacés en verde?' }),
      ],
    });
    render(App);
    const [story, words] = await screen.findAllByTestId('inbox-row');
    expect(within(story!).getByTestId('row-preview-kind').textContent).toBe('Respondió a tu historia');
    expect(story?.textContent).not.toContain('story');
    expect(words?.textContent).toContain('¿La hacés en verde?');
  });

  it('moves with j/k and arrows, and opens with Enter', async () => {
    const shell = installShell({ rows: [row(1), row(2, { unread: 1 }), row(3)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    expect(selectedId()).toBe(1);

    await fireEvent.keyDown(document.body, { key: 'j' });
    expect(selectedId()).toBe(2);
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    expect(selectedId()).toBe(3);
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'j' });
    expect(selectedId()).toBe(3);
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'k' });
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowUp' });
    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'j' });
    expect(selectedId()).toBe(2);
    expect(screen.queryByTestId('conversation')).toBeNull();

    await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
    const view = await screen.findByTestId('conversation');
    expect(view.dataset.conversationId).toBe('2');
    expect(shell.callsTo('conversation_get').map((c) => c.args.conversationId)).toEqual([2]);
    await waitFor(() => expect(shell.callsTo('conversation_mark_read')).toHaveLength(1));
    expect(shell.callsTo('conversation_mark_read')[0]?.args.conversationId).toBe(2);
  });

  it('opens a conversation on click, with messages as bubbles', async () => {
    installShell({ rows: [row(1), row(2, { buyer_name: 'Carla' })] });
    render(App);
    const rows = await screen.findAllByTestId('inbox-row');
    await fireEvent.click(rows[1]!);
    const messages = await screen.findAllByTestId('message');
    expect(messages[0]?.dataset.direction).toBe('incoming');
    expect(messages[0]?.dataset.sentAt).toBe('1700000000');
    expect(screen.getByTestId('conversation').textContent).toContain('Carla');
  });

  it('shows buyer text literally, never as HTML', async () => {
    installShell({
      rows: [row(1, { buyer_name: 'Valen <b>html</b>', preview: '<img src=x onerror=alert(1)>' })],
      messageText: 'Hola <b>html</b> <script>alert(1)</script>',
    });
    render(App);
    const [first] = await screen.findAllByTestId('inbox-row');
    expect(first?.textContent).toContain('Valen <b>html</b>');
    expect(first?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(first?.querySelector('b, img')).toBeNull();

    await fireEvent.click(first!);
    const [message] = await screen.findAllByTestId('message');
    expect(message?.textContent).toContain('Hola <b>html</b> <script>alert(1)</script>');
    expect(message?.querySelector('b, script')).toBeNull();
  });

  it('switches language from settings and the heading follows', async () => {
    const shell = installShell({ rows: [row(1)] });
    render(App);
    const heading = await screen.findByTestId('inbox-title');
    expect(heading.textContent).toBe('Bandeja de entrada');

    await fireEvent.click(screen.getByTestId('open-settings'));
    const select = (await screen.findByTestId('language-select')) as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect([...select.options].map((o) => o.value)).toEqual(['auto', 'es', 'pt-BR', 'en']);

    await fireEvent.change(select, { target: { value: 'en' } });
    await waitFor(() => expect(screen.getByTestId('inbox-title').textContent).toBe('Inbox'));
    expect(shell.callsTo('settings_save').at(-1)?.args.settings).toMatchObject({ language: 'en' });
    expect(document.documentElement.lang).toBe('en');

    await fireEvent.change(select, { target: { value: 'pt-BR' } });
    await waitFor(() => expect(screen.getByTestId('inbox-title').textContent).toBe('Caixa de entrada'));

    await fireEvent.change(select, { target: { value: 'auto' } });
    await waitFor(() => expect(screen.getByTestId('inbox-title').textContent).toBe('Bandeja de entrada'));
    expect(shell.callsTo('settings_save').at(-1)?.args.settings).toMatchObject({ language: null });

    await fireEvent.click(screen.getByTestId('close-settings'));
    await waitFor(() => expect(screen.queryByTestId('language-select')).toBeNull());
  });

  it('shows where the data lives and the version in settings', async () => {
    installShell({ rows: [row(1)] });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-settings'));
    expect((await screen.findByTestId('db-path')).textContent).toBe('/tmp/mostrador.sqlite3');
    expect(screen.getByTestId('app-version').textContent).toContain('0.1.0');
  });

  it('searches after a pause in typing, and `/` focuses the box', async () => {
    const shell = installShell({ rows: [row(1)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    const search = screen.getByTestId('search') as HTMLInputElement;

    await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);

    await fireEvent.input(search, { target: { value: 'ca' } });
    await fireEvent.input(search, { target: { value: 'cafe' } });
    await waitFor(() =>
      expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({ search: 'cafe', offset: 0 }),
    );
    expect(shell.callsTo('inbox_list').filter((c) => (c.args.query as { search: string | null }).search === 'ca')).toHaveLength(0);
  });

  it('filters by status and channel through the core', async () => {
    const shell = installShell({ rows: [row(1)], needsReply: 4 });
    render(App);
    await screen.findAllByTestId('inbox-row');
    const tab = screen.getByTestId('status-needs_reply');
    // The tab counts come from the core's per-status counts, right after the first page.
    await waitFor(() => expect(tab.textContent).toContain('4'));
    await fireEvent.click(tab);
    expect(tab.getAttribute('aria-pressed')).toBe('true');
    expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({ status: 'needs_reply' });

    await fireEvent.change(screen.getByTestId('channel-filter'), { target: { value: 'whatsapp' } });
    expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({ status: 'needs_reply', channel: 'whatsapp' });
  });

  it('puts the needs-reply count in the window title', async () => {
    installShell({ rows: [row(1), row(2)], needsReply: 2 });
    render(App);
    await screen.findAllByTestId('inbox-row');
    await waitFor(() => expect(document.title).toBe('Mostrador — 2 por responder'));
  });

  it('renders only the rows in view and pages in more as the list scrolls', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(i + 1));
    const shell = installShell({ rows, total: 5000 });
    render(App);
    await screen.findAllByTestId('inbox-row');
    expect(screen.getAllByTestId('inbox-row').length).toBeLessThan(30);
    expect(shell.callsTo('inbox_list')).toHaveLength(1);

    const list = screen.getByTestId('inbox-list');
    list.scrollTop = 180 * 84;
    await fireEvent.scroll(list);
    await waitFor(() => expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({ offset: 200, limit: 200 }));
    await waitFor(() => expect(ids()).toContain(185));
    expect(screen.getAllByTestId('inbox-row').length).toBeLessThan(30);
  });

  it('shows a calm banner when the list fails, and Retry recovers', async () => {
    const shell = installShell({
      rows: [row(1)],
      failing: { inbox_list: { code: 'disk_full', message: 'database or disk is full' } },
    });
    render(App);
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('Tu disco está lleno');
    shell.heal('inbox_list');
    await fireEvent.click(within(banner).getByRole('button', { name: 'Reintentar' }));
    await screen.findAllByTestId('inbox-row');
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('explains an unknown error code with the generic sentence', async () => {
    installShell({ rows: [row(1)], failing: { inbox_list: { code: 'brand_new_code', message: 'x' } } });
    render(App);
    expect((await screen.findByTestId('error-banner')).textContent).toContain('Algo salió mal');
  });

  it('shows a friendly state when nothing is waiting for a reply', async () => {
    installShell({ rows: [] });
    render(App);
    const empty = await screen.findByTestId('inbox-empty');
    expect(empty.textContent).toContain('Tu bandeja está lista');
    expect(screen.getByTestId('conversation-empty').textContent).toContain('Elige una conversación');
  });
});
