// Bringing conversations in: the WhatsApp import preview and result, refused files, the
// manual-capture dialog, and the WhatsApp reply helper — against a mocked shell.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import NewConversationDialog from '$lib/components/capture/NewConversationDialog.svelte';
import ConversationExtras from '$lib/components/whatsapp/ConversationExtras.svelte';
import WhatsAppImportDialog from '$lib/components/whatsapp/WhatsAppImportDialog.svelte';
import { timeZones } from '$lib/components/whatsapp/timeZones';
import { i18n } from '$lib/i18n/i18n.svelte';
import { ERROR_CODES } from '$lib/ipc/bindings';
import type { CaptureInput, WhatsAppImportOptions, WhatsAppPreview } from '$lib/ipc/bindings';
import { capture } from '$lib/stores/capture.svelte';
import { triage } from '$lib/stores/triage.svelte';
import { whatsappImport } from '$lib/stores/whatsappImport.svelte';
import { conversationOf, row } from './fake-shell';
import en from '../locales/en.json';
import es from '../locales/es.json';
import ptBR from '../locales/pt-BR.json';
import { resetStores } from './reset';

type Call = { command: string; args: Record<string, unknown> };

const PATH = '/home/ana/Descargas/WhatsApp Chat with Carolina Paz.txt';

function preview(me: string | null): WhatsAppPreview {
  const message = (line: number, author: string, text: string) => ({ line, sent_at: 1_700_000_000 + line, author, text, has_media: false });
  return {
    file_name: 'WhatsApp Chat with Carolina Paz.txt',
    chat_name: me ? 'Carolina Paz' : null,
    is_group: false,
    line_count: 12,
    message_count: 8,
    system_line_count: 1,
    media_count: 0,
    media_files_in_zip: 0,
    first_messages: [message(2, 'Carolina Paz', 'Hola! ¿Tenés el mate de algarrobo?'), message(3, 'Telar del Sur', 'Sí, queda uno')],
    last_messages: [message(11, 'Carolina Paz', 'Gracias!')],
    authors: [
      { name: 'Carolina Paz', messages: 5 },
      { name: 'Telar del Sur', messages: 3 },
    ],
    me,
    needs_me: me === null,
    date_order: { inferred: 'day_first', reason: { kind: 'number_above12', line: 4, date: '27/11/25' }, used: 'day_first' },
    time_zone: 'America/Argentina/Cordoba',
    unreadable: [{ line: 7, text: '12/3/25, 25:99 - Carolina Paz: ¿y el envío?', reason: 'impossible_time' }],
    unreadable_count: 1,
    left_out: [
      {
        reason: { kind: 'notices', kinds: ['encryption'] },
        count: 1,
        lines: [{ line: 1, text: 'Los mensajes y las llamadas están cifrados de extremo a extremo.' }],
      },
      {
        reason: { kind: 'unreadable', reason: 'impossible_time' },
        count: 1,
        lines: [{ line: 7, text: '12/3/25, 25:99 - Carolina Paz: ¿y el envío?' }],
      },
    ],
    already_imported: 0,
    account_id: null,
  };
}

function shell(handlers: Record<string, (args: Record<string, unknown>) => unknown>): Call[] {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC((command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, args });
    const handler = handlers[command];
    return handler ? handler(args) : null;
  });
  return calls;
}

beforeEach(() => {
  resetStores();
  whatsappImport.close();
  capture.close();
});

describe('importing a WhatsApp export', () => {
  it('previews first, asks who is me, then imports and sums up', async () => {
    const calls = shell({
      whatsapp_preview: (args) => preview((args.options as WhatsAppImportOptions).me),
      whatsapp_import: () => ({
        account_id: 1,
        conversation_id: 7,
        chat_name: 'Carolina Paz',
        inserted: 8,
        unchanged: 0,
        updated: 0,
        system_lines_skipped: 1,
        media_copied: 0,
      }),
    });
    render(WhatsAppImportDialog);
    await whatsappImport.start(PATH);

    const authors = await screen.findByTestId('whatsapp-authors');
    expect(authors.textContent).toContain('Carolina Paz');
    expect(authors.textContent).toContain('Telar del Sur');
    expect(screen.getByTestId('whatsapp-evidence').textContent).toContain('27/11/25 (línea 4)');
    expect(screen.getByTestId('whatsapp-left-out').textContent).toContain('25:99 - Carolina Paz');
    expect(screen.getByTestId('whatsapp-first').textContent).toContain('¿Tenés el mate de algarrobo?');
    const confirm = screen.getByTestId('whatsapp-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(calls.filter((c) => c.command === 'whatsapp_import')).toHaveLength(0);

    const radios = screen.getAllByTestId('whatsapp-me') as HTMLInputElement[];
    await fireEvent.change(radios[1]!);
    await waitFor(() => expect((screen.getByTestId('whatsapp-confirm') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId('whatsapp-chat-name').textContent).toContain('Carolina Paz');

    await fireEvent.click(screen.getByTestId('whatsapp-confirm'));
    const result = await screen.findByTestId('whatsapp-result');
    expect(result.textContent).toContain('Nuevos: 8');
    const imported = calls.find((c) => c.command === 'whatsapp_import');
    expect(imported?.args).toEqual({
      path: PATH,
      options: { me: 'Telar del Sur', date_order: null, time_zone: 'America/Argentina/Cordoba', account_id: null },
    });
  });

  it('refuses a file that is not an export without reading it, and translates the core’s errors', async () => {
    const calls = shell({ whatsapp_preview: () => Promise.reject({ code: 'whatsapp_binary', message: 'x' }) });
    render(WhatsAppImportDialog);
    await whatsappImport.start('/home/ana/foto.jpg');
    expect((await screen.findByTestId('whatsapp-error')).textContent).toContain('no es un chat exportado de WhatsApp');
    expect(calls).toHaveLength(0);

    await whatsappImport.start('/home/ana/basura.txt');
    await waitFor(() => expect(screen.getByTestId('whatsapp-error').textContent).toContain('no es texto'));
    expect(whatsappImport.phase).toBe('failed');
  });
});

describe('what the import leaves out', () => {
  // A group chat: notices of two kinds, a title line, an impossible time and dates that only
  // exist read the other way.
  function leftOutPreview(): WhatsAppPreview {
    const p = preview('Telar del Sur');
    const line = (n: number) => ({ line: n, text: `línea ${n} tal cual` });
    p.left_out = [
      { reason: { kind: 'notices', kinds: ['group_change', 'encryption'] }, count: 3, lines: [line(2), line(3), line(4)] },
      { reason: { kind: 'unreadable', reason: 'before_first_message' }, count: 1, lines: [line(1)] },
      { reason: { kind: 'unreadable', reason: 'impossible_time' }, count: 2, lines: [line(8), line(9)] },
      { reason: { kind: 'unreadable', reason: 'impossible_date' }, count: 7, lines: [10, 11, 12, 13, 14].map(line) },
    ];
    return p;
  }

  const EXPECTED = {
    es: [
      'Líneas que no se importan: 13',
      'Avisos de WhatsApp: 3 (cambios de grupo, cifrado)',
      'Líneas antes del primer mensaje: 1',
      'Líneas con una hora que no existe: 2',
      'Líneas con una fecha que no existe leída como día/mes (27/11): 7. Prueba el otro orden de las fechas.',
      '… y 2 más',
    ],
    en: [
      'Lines not imported: 13',
      'WhatsApp notices: 3 (group changes, encryption)',
      'Lines before the first message: 1',
      'Lines with a time that does not exist: 2',
      'Lines with a date that does not exist read as day/month (27/11): 7. Try the other date order.',
      '… and 2 more',
    ],
    'pt-BR': [
      'Linhas que não serão importadas: 13',
      'Avisos do WhatsApp: 3 (mudanças no grupo, criptografia)',
      'Linhas antes da primeira mensagem: 1',
      'Linhas com um horário que não existe: 2',
      'Linhas com uma data que não existe lida como dia/mês (27/11): 7. Experimente a outra ordem das datas.',
      '… e mais 2',
    ],
  } as const;

  for (const locale of ['es', 'en', 'pt-BR'] as const) {
    it(`says how many lines are left out, grouped by why, with the first of each (${locale})`, async () => {
      i18n.set(locale);
      shell({ whatsapp_preview: () => leftOutPreview() });
      render(WhatsAppImportDialog);
      await whatsappImport.start(PATH);
      const section = await screen.findByTestId('whatsapp-left-out');
      const preview = screen.getByTestId('whatsapp-preview');
      const [title, ...summaries] = EXPECTED[locale];
      expect(preview.textContent).toContain(title);
      const groups = screen.getAllByTestId('whatsapp-left-out-group');
      expect(groups.map((g) => g.querySelector('summary')?.textContent?.trim())).toEqual(summaries.slice(0, 4));
      // The first lines of each reason are there to open, and how many more there are.
      expect(groups.every((g) => !(g as HTMLDetailsElement).open)).toBe(true);
      expect(groups[0]!.textContent).toContain('línea 3 tal cual');
      expect(groups[3]!.querySelectorAll('li')).toHaveLength(6);
      expect(groups[3]!.textContent).toContain(summaries[4]);
      expect(section.textContent).not.toContain('línea 15');
    });
  }

  it('shows no such section when every line is a message', async () => {
    shell({
      whatsapp_preview: () => {
        const p = preview('Telar del Sur');
        p.left_out = [];
        return p;
      },
    });
    render(WhatsAppImportDialog);
    await whatsappImport.start(PATH);
    await screen.findByTestId('whatsapp-preview');
    expect(screen.queryByTestId('whatsapp-left-out')).toBeNull();
  });
});

describe('the day/month order and the time zone', () => {
  it('asks the core again with the override and the zone, shows the new first date, and imports with both', async () => {
    const calls = shell({
      whatsapp_preview: (args) => {
        const options = args.options as WhatsAppImportOptions;
        const p = preview('Telar del Sur');
        // 04/03/2025 10:00 UTC: 4 March day-first, 3 April month-first.
        const sentAt = options.date_order === 'month_first' ? 1_743_674_400 : 1_741_082_400;
        p.first_messages = [{ line: 2, sent_at: sentAt, author: 'Carolina Paz', text: 'Hola', has_media: false }];
        p.date_order = { inferred: 'day_first', reason: { kind: 'no_evidence' }, used: options.date_order ?? 'day_first' };
        p.time_zone = options.time_zone ?? 'UTC';
        return p;
      },
      whatsapp_import: () => ({ account_id: 1, conversation_id: 7, chat_name: 'Carolina Paz', inserted: 8, unchanged: 0, updated: 0, system_lines_skipped: 1, media_copied: 0 }),
    });
    render(WhatsAppImportDialog);
    await whatsappImport.start(PATH);
    const first = await screen.findByTestId('whatsapp-first');
    expect(first.textContent).toMatch(/mar/);
    expect(screen.getByTestId('whatsapp-evidence').textContent).toContain('Nada en el archivo indica el orden');

    await fireEvent.change(screen.getByTestId('whatsapp-date-order'), { target: { value: 'month_first' } });
    await waitFor(() => expect(screen.getByTestId('whatsapp-first').textContent).toMatch(/abr/));
    const zone = screen.getByTestId('whatsapp-time-zone') as HTMLSelectElement;
    expect(Array.from(zone.options, (o) => o.value)).toContain('America/Sao_Paulo');
    await fireEvent.change(zone, { target: { value: 'America/Sao_Paulo' } });
    await waitFor(() => expect((screen.getByTestId('whatsapp-time-zone') as HTMLSelectElement).value).toBe('America/Sao_Paulo'));

    const previews = calls.filter((c) => c.command === 'whatsapp_preview').map((c) => c.args.options as WhatsAppImportOptions);
    expect(previews.at(-1)).toMatchObject({ date_order: 'month_first', time_zone: 'America/Sao_Paulo' });
    await fireEvent.click(screen.getByTestId('whatsapp-confirm'));
    await screen.findByTestId('whatsapp-result');
    expect(calls.find((c) => c.command === 'whatsapp_import')?.args.options).toMatchObject({ date_order: 'month_first', time_zone: 'America/Sao_Paulo' });
  });

  it('offers every zone the system knows, with the current one first when it is unknown', () => {
    expect(timeZones('America/Argentina/Cordoba')).toContain('America/Sao_Paulo');
    const zones = timeZones('Mars/Olympus_Mons');
    expect(zones[0]).toBe('Mars/Olympus_Mons');
    expect(zones.length).toBeGreaterThan(10);
  });
});

describe('files that are not a chat', () => {
  // Every refusal the core can give for a file, in each language: the seller's sentence, never the code.
  const BAD_INPUT = [
    'whatsapp_not_an_export',
    'whatsapp_empty',
    'whatsapp_binary',
    'whatsapp_too_large',
    'whatsapp_zip_without_chat',
    'whatsapp_bad_zip',
    'whatsapp_media_too_large',
    'whatsapp_media_total_too_large',
    'whatsapp_no_space_for_media',
  ] as const;
  const DICTIONARIES = { es, 'pt-BR': ptBR, en } as const;

  for (const locale of ['es', 'pt-BR', 'en'] as const) {
    it(`shows the translated sentence for each code (${locale})`, async () => {
      i18n.set(locale);
      for (const code of BAD_INPUT) {
        expect(ERROR_CODES).toContain(code);
        const calls = shell({ whatsapp_preview: () => Promise.reject({ code, message: 'detail' }) });
        const { unmount } = render(WhatsAppImportDialog);
        await whatsappImport.start('/home/ana/Descargas/chat.txt');
        const banner = await screen.findByTestId('error-banner');
        expect(banner.getAttribute('data-error-code')).toBe(code);
        const sentence = DICTIONARIES[locale].errors[code];
        expect(sentence.length).toBeGreaterThan(20);
        expect(banner.textContent).toContain(sentence);
        expect(banner.textContent).not.toContain(code);
        expect(calls.filter((c) => c.command === 'whatsapp_import')).toHaveLength(0);
        expect(whatsappImport.phase).toBe('failed');
        unmount();
      }
    });
  }
});

describe('capturing a conversation by hand', () => {
  it('splits the pasted text, lets the seller fix an author and saves a new buyer’s conversation', async () => {
    let saved: CaptureInput | null = null;
    shell({
      capture_sources: () => [{ id: 3, channel: 'other', display_name: 'Facebook Marketplace' }],
      capture_split: () => ({
        recognised: true,
        messages: [
          { author: 'Marta', direction: 'incoming', time: '10:02', text: 'Hola, ¿sigue disponible?' },
          { author: 'Yo', direction: 'outgoing', time: '10:05', text: 'Sí, queda uno.' },
        ],
      }),
      capture_save: (args) => {
        saved = args.input as CaptureInput;
        return { account_id: 3, conversation_id: 42, buyer_id: 9, inserted: 2 };
      },
    });
    capture.openNew();
    render(NewConversationDialog);
    await fireEvent.input(screen.getByTestId('capture-name'), { target: { value: 'Marta Ríos' } });
    await fireEvent.input(screen.getByTestId('capture-source'), { target: { value: 'Facebook Marketplace' } });
    await fireEvent.input(screen.getByTestId('capture-paste'), {
      target: { value: 'Marta: Hola, ¿sigue disponible?\nYo: Sí, queda uno.' },
    });
    const authors = (await screen.findAllByTestId('capture-row-author')) as HTMLInputElement[];
    expect(authors.map((a) => a.value)).toEqual(['Marta', 'Yo']);
    await fireEvent.input(authors[0]!, { target: { value: 'Marta Ríos' } });
    await fireEvent.click(screen.getByTestId('capture-save'));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved!.buyer).toEqual({ kind: 'new', name: 'Marta Ríos', phone: null, email: null });
    expect(saved!.source).toBe('Facebook Marketplace');
    expect(saved!.messages.map((m) => [m.author, m.direction, m.time])).toEqual([
      ['Marta Ríos', 'incoming', '10:02'],
      ['Yo', 'outgoing', '10:05'],
    ]);
  });
});

describe('replying on WhatsApp', () => {
  it('copies the draft, records it and opens wa.me with the buyer’s number only', async () => {
    const calls = shell({ reply_record_copied: () => 77, whatsapp_open_chat: () => null });
    const summary = row(5, { channel: 'whatsapp', buyer_name: 'Carolina Paz', account_name: 'WhatsApp' });
    const view = conversationOf(summary);
    view.buyer.identities = [
      {
        account_id: 2,
        channel: 'whatsapp',
        account_name: 'WhatsApp',
        external_id: '+5493515550101',
        display_name: '+54 9 351 555-0101',
        handle: null,
        phone: '+54 9 351 555-0101',
        email: null,
      },
    ];
    triage.drafts[5] = 'Hola Carolina, sí lo tengo';
    render(ConversationExtras, { view });
    const button = screen.getByTestId('whatsapp-reply');
    expect(button.textContent).toContain('Copiar y abrir WhatsApp');
    await fireEvent.click(button);
    await waitFor(() => expect(calls.some((c) => c.command === 'whatsapp_open_chat')).toBe(true));
    expect(calls.find((c) => c.command === 'reply_record_copied')?.args).toEqual({ conversationId: 5, text: 'Hola Carolina, sí lo tengo' });
    // The shell builds the address: the webview passes the digits only, and after the copy.
    expect(calls.find((c) => c.command === 'whatsapp_open_chat')?.args).toEqual({ number: '5493515550101' });
    const order = calls.map((c) => c.command);
    expect(order.indexOf('reply_record_copied')).toBeLessThan(order.indexOf('whatsapp_open_chat'));
    expect(order.some((c) => c.startsWith('plugin:opener'))).toBe(false);
  });

  it('is only offered in WhatsApp conversations, and disabled without a number', () => {
    shell({});
    const { unmount } = render(ConversationExtras, { view: conversationOf(row(1)) });
    expect(screen.queryByTestId('whatsapp-reply')).toBeNull();
    expect(screen.getByTestId('capture-add-message')).toBeTruthy();
    unmount();
    render(ConversationExtras, { view: conversationOf(row(2, { channel: 'whatsapp' })) });
    expect((screen.getByTestId('whatsapp-reply') as HTMLButtonElement).disabled).toBe(true);
  });
});
