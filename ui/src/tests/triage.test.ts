// Triage in the UI against a fake shell: tab counts, reply-target colours, highlights, the keyboard
// (Enter, e, s, x, p, ?, Esc), the composer (drafts, Copy), conversation tabs and older messages.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import Composer from '$lib/components/triage/Composer.svelte';
import { pieces } from '$lib/components/triage/highlight';
import { triage } from '$lib/stores/triage.svelte';
import { installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const list = () => screen.getByTestId('inbox-list');
const key = (k: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });

async function typeReply(text: string) {
  const box = await screen.findByTestId('composer-text');
  await waitFor(() => expect(document.activeElement).toBe(box));
  await fireEvent.input(box, { target: { value: text } });
  return box as HTMLTextAreaElement;
}

describe('highlights', () => {
  it('splits text at the core ranges (UTF-16 offsets)', () => {
    expect(pieces('¿Tenés la taza azul?', [{ start: 10, end: 14 }])).toEqual([
      { text: '¿Tenés la ', marked: false },
      { text: 'taza', marked: true },
      { text: ' azul?', marked: false },
    ]);
    // An emoji is two UTF-16 units: the mark still lands on the word after it.
    expect(pieces('🌸 taza', [{ start: 3, end: 7 }]).filter((p) => p.marked)).toEqual([{ text: 'taza', marked: true }]);
    expect(pieces('hola', [{ start: 9, end: 12 }])).toEqual([{ text: 'hola', marked: false }]);
  });

  it('marks search hits in the row as text, never as HTML', async () => {
    installShell({ rows: [row(1, { preview: '<b>taza</b> azul', highlights: [{ start: 3, end: 7 }] })] });
    render(App);
    const [first] = await screen.findAllByTestId('inbox-row');
    const mark = first!.querySelector('mark');
    expect(mark?.textContent).toBe('taza');
    expect(first!.querySelector('b')).toBeNull();
    expect(first!.textContent).toContain('<b>taza</b> azul');
  });
});

describe('search', () => {
  it('says how many results there are', async () => {
    installShell({ rows: [row(1), row(2), row(3)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'taza' } });
    expect((await screen.findByTestId('search-results')).textContent).toContain('3 resultados');
  });
});

describe('triage', () => {
  it('shows every status count on its tab', async () => {
    installShell({
      rows: [row(1), row(2), row(3, { status: 'done', waiting_seconds: null }), row(4, { status: 'snoozed' })],
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId('count-needs_reply').textContent).toBe('2'));
    expect(screen.getByTestId('count-done').textContent).toBe('1');
    expect(screen.getByTestId('count-snoozed').textContent).toBe('1');
    expect(screen.queryByTestId('count-waiting_for_buyer')).toBeNull();
  });

  it('filters by account, order and tag through the core', async () => {
    const shell = installShell({ rows: [row(1)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    await fireEvent.click(screen.getByTestId('more-filters'));
    const account = await screen.findByTestId('account-filter');
    await waitFor(() => expect(account.querySelectorAll('option')).toHaveLength(2));
    await fireEvent.change(account, { target: { value: '1' } });
    await fireEvent.change(screen.getByTestId('order-filter'), { target: { value: 'without' } });
    await fireEvent.input(screen.getByTestId('tag-filter'), { target: { value: 'navidad' } });
    await fireEvent.change(screen.getByTestId('tag-filter'));
    expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({
      account_id: 1,
      has_order: false,
      order_stage: null,
      tag: 'navidad',
    });
    await fireEvent.change(screen.getByTestId('order-filter'), { target: { value: 'paid' } });
    expect(shell.callsTo('inbox_list').at(-1)?.args.query).toMatchObject({ has_order: null, order_stage: 'paid' });
    // The tab counts follow the same filters, without the status.
    await waitFor(() =>
      expect(shell.callsTo('inbox_counts').at(-1)?.args.query).toMatchObject({ status: null, order_stage: 'paid', tag: 'navidad' }),
    );
    expect(screen.getByTestId('more-filters').textContent).toContain('3');
  });

  it('colours rows near and past the reply target, with words as well as colour', async () => {
    installShell({
      rows: [
        row(1, { waiting_seconds: 3 * 3600, target_seconds: 3600, target_level: 'late' }),
        row(2, { waiting_seconds: 50 * 60, target_seconds: 3600, target_level: 'near' }),
        row(3, { waiting_seconds: 5 * 60, target_seconds: 3600, target_level: 'ok' }),
      ],
    });
    render(App);
    const rows = await screen.findAllByTestId('inbox-row');
    expect(rows.map((r) => r.dataset.level)).toEqual(['late', 'near', 'ok']);
    expect(rows[0]!.classList.contains('late')).toBe(true);
    expect(within(rows[0]!).getByTestId('waiting').textContent).toContain('pasó el tiempo de respuesta (1 h)');
    expect(within(rows[1]!).getByTestId('waiting').textContent).toContain('cerca del tiempo de respuesta');
  });

  it('opens with Enter into the composer, copies with Ctrl+Enter and marks done with e', async () => {
    const shell = installShell({ rows: [row(1, { buyer_name: 'Ana' }), row(2, { buyer_name: 'Carla' })] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('Enter');
    const box = await typeReply('¡Hola Ana! Sí, la tengo en azul.');
    await waitFor(() => expect(shell.drafts[1]).toBe('¡Hola Ana! Sí, la tengo en azul.'));

    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(shell.copied).toEqual([{ id: 1, text: '¡Hola Ana! Sí, la tengo en azul.' }]));
    await waitFor(() => expect(box.value).toBe(''));
    expect(await screen.findByText(/Quedó registrado como tu respuesta/)).toBeTruthy();

    // Esc leaves the composer for the conversation: e now acts on it, wherever the list cursor is.
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('conversation'));
    await key('e');
    await waitFor(() =>
      expect(shell.callsTo('conversation_set_status').at(-1)?.args).toMatchObject({ conversationId: 1, status: 'done' }),
    );
  });

  it('snoozes from the menu: presets with their times, until they reply, a date', async () => {
    const shell = installShell({ rows: [row(1), row(2)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('s');
    const menu = await screen.findByTestId('snooze-menu');
    await within(menu).findByTestId('snooze-tomorrow_morning');
    expect(menu.textContent).toContain('Mañana a la mañana');
    expect(menu.textContent).toContain('Hasta que responda');
    await fireEvent.keyDown(menu, { key: '2' });
    await waitFor(() =>
      expect(shell.callsTo('conversation_snooze').at(-1)?.args).toEqual({
        conversationId: 1,
        choice: { kind: 'preset', preset: 'tomorrow_morning' },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('snooze-menu')).toBeNull());

    list().focus();
    await key('s');
    await fireEvent.click(await screen.findByTestId('snooze-date'));
    await fireEvent.input(await screen.findByTestId('snooze-date-input'), { target: { value: '2030-01-15' } });
    await fireEvent.submit(screen.getByTestId('snooze-date-input').closest('form')!);
    await waitFor(() =>
      expect(shell.callsTo('conversation_snooze').at(-1)?.args).toMatchObject({ choice: { kind: 'date', date: '2030-01-15' } }),
    );
  });

  it('ticks rows with x and acts on all of them from the bulk bar and the keyboard', async () => {
    const shell = installShell({ rows: [row(1), row(2), row(3)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('x');
    await key('j');
    await key('x');
    expect(screen.getByTestId('bulk-bar').textContent).toContain('2 marcadas');
    await key('p');
    await waitFor(() =>
      expect(shell.callsTo('conversations_bulk').at(-1)?.args).toEqual({
        conversationIds: [1, 2],
        action: { kind: 'pin', pinned: true },
      }),
    );
    // A write clears the ticks; tick again and Esc clears them too.
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
    list().focus();
    await key('x');
    await key('Escape');
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
  });

  it('shows the shortcuts with ?', async () => {
    installShell({ rows: [row(1)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('?');
    const sheet = await screen.findByTestId('shortcuts');
    expect(sheet.textContent).toContain('Marcar como lista');
    expect(sheet.textContent).toContain('Posponer');
  });

  it('keeps a draft per tab, and closes tabs with Ctrl+W', async () => {
    const shell = installShell({ rows: [row(1, { buyer_name: 'Ana' }), row(2, { buyer_name: 'Carla' })] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('Enter');
    let box = await typeReply('para Ana');
    await fireEvent.keyDown(box, { key: 'Escape' });
    await key('j');
    await key('Enter');
    await waitFor(() => expect(screen.getAllByTestId('conversation-tab')).toHaveLength(2));
    box = await typeReply('para Carla');

    await fireEvent.click(within(screen.getAllByTestId('conversation-tab')[0]!).getByRole('tab'));
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('para Ana'));
    // Switching away wrote Carla's draft at once.
    await waitFor(() => expect(shell.drafts[2]).toBe('para Carla'));

    await fireEvent.keyDown(screen.getByTestId('composer-text'), { key: 'w', ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId('conversation-tab')).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('para Carla'));
  });

  it('reopens the conversations that kept a draft as tabs', async () => {
    installShell({ rows: [row(1, { buyer_name: 'Ana' }), row(2, { buyer_name: 'Carla' })], drafts: { 2: 'te escribo mañana' } });
    render(App);
    const tab = await screen.findByTestId('conversation-tab');
    await waitFor(() => expect(tab.textContent).toContain('Carla'));
    await fireEvent.click(within(tab).getByRole('tab'));
    await waitFor(() =>
      expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('te escribo mañana'),
    );
  });

  it('reopens the tabs open at the last exit without drafts and remembers closing one', async () => {
    const shell = installShell({
      rows: [row(1, { buyer_name: 'Ana' }), row(2, { buyer_name: 'Carla' }), row(3, { buyer_name: 'Beto' })],
      tabs: [3, 1],
    });
    render(App);
    await waitFor(() =>
      expect(screen.getAllByTestId('conversation-tab').map((tab) => tab.dataset.conversationId)).toEqual(['3', '1']),
    );
    const beto = screen.getAllByTestId('conversation-tab')[0]!;
    await fireEvent.click(beto.querySelector('button.close')!);
    await waitFor(() => expect(shell.tabs).toEqual([1]));
  });

  it('explains why Send is not there yet', async () => {
    installShell({ rows: [row(1)] });
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('Enter');
    const send = await screen.findByRole('button', { name: 'Enviar' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    expect(send.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(send.getAttribute('aria-describedby')!)?.textContent).toContain('cuando conectes');
  });

  it('loads older messages above the newest ones', async () => {
    const older = {
      id: 1,
      direction: 'incoming' as const,
      author: 'Ana',
      text: 'Un mensaje de la semana pasada',
      sent_at: 1_699_000_000,
      status: 'received' as const,
      attachments: [],
      order_id: null,
      reactions: [],
    };
    const shell = installShell({ rows: [row(1, { buyer_name: 'Ana' })], olderMessages: [older] });
    // The fake conversation says there is more to see.
    const { conversation } = await import('$lib/stores/conversation.svelte');
    render(App);
    await screen.findAllByTestId('inbox-row');
    list().focus();
    await key('Enter');
    await screen.findByTestId('composer');
    conversation.view = { ...conversation.view!, has_older_messages: true };
    await fireEvent.click(await screen.findByTestId('load-older'));
    expect(await screen.findByText('Un mensaje de la semana pasada')).toBeTruthy();
    expect(shell.callsTo('conversation_older_messages').at(-1)?.args).toEqual({
      conversationId: 1,
      beforeMessageId: 10,
      limit: 200,
    });
    await waitFor(() => expect(screen.queryByTestId('load-older')).toBeNull());
  });
});

describe('composer', () => {
  it('offers an insertion point: insertText and a region above the textarea', async () => {
    installShell({ rows: [row(1)] });
    const above = createRawSnippet(() => ({ render: () => '<div data-testid="picker">picker</div>' }));
    const { component } = render(Composer, { conversationId: 5, above });
    expect(screen.getByTestId('picker')).toBeTruthy();
    const box = screen.getByTestId('composer-text') as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: 'Hola. ' } });
    box.setSelectionRange(6, 6);
    component.insertText('Te paso el alias.');
    await waitFor(() => expect(box.value).toBe('Hola. Te paso el alias.'));
    expect(triage.draft(5)).toBe('Hola. Te paso el alias.');
  });
});
