// Saved answers in the UI against a mocked shell: the "/" picker (typing filters, Enter chooses,
// the filled text is inserted), fill-in prompts, variables without a value shown before copying,
// the channel lint with its safe-version button, and the library editor's save.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import AnswerFill from '$lib/components/answers/AnswerFill.svelte';
import AnswersLibrary from '$lib/components/answers/AnswersLibrary.svelte';
import ComposerAnswers from '$lib/components/answers/ComposerAnswers.svelte';
import type {
  AnswerChannel,
  AnswerHit,
  AnswerInput,
  LintReport,
  RenderRequest,
  RenderedAnswer,
  SavedAnswer,
  VersionCheck,
} from '$lib/ipc/bindings';
import { answers } from '$lib/stores/answers.svelte';
import { triage } from '$lib/stores/triage.svelte';
import { conversationOf, row, type Call } from './fake-shell';
import { resetStores } from './reset';

function answer(id: number, title: string, shortcut: string, body: string, overrides: Partial<SavedAnswer> = {}): SavedAnswer {
  return {
    id,
    title,
    shortcut,
    folder: null,
    body,
    language: 'es',
    pinned: false,
    tags: [],
    variants: [],
    attachments: [],
    use_count: 0,
    last_used_at: null,
    chars_saved: 0,
    created_at: 1_700_000_000,
    updated_at: 1_700_000_000,
    ...overrides,
  };
}

const LIBRARY = [
  answer(1, 'Medios de pago', 'pago', 'Hola {{buyer.first_name}}, pagás por transferencia.'),
  answer(2, 'Envíos', 'envio', 'Enviamos por Correo Argentino.'),
  answer(3, 'Talles', 'talle', 'Tenemos {{choose:talle|S|M|L}} en {{ask:color}}.'),
];

function lint(channel: AnswerChannel, text: string, findings: LintReport['findings'] = []): LintReport {
  return { channel, length: text.length, limit: 350, counts_bytes: false, public: false, findings };
}

function check(version: AnswerChannel | null, text: string, channel: AnswerChannel, findings: LintReport['findings'] = []): VersionCheck {
  return { version, language: 'es', text, lint: lint(channel, text, findings) };
}

/** What the core would return: `{{buyer.first_name}}` is Ana; prompts stay until answered. */
function rendered(id: number, request: RenderRequest): RenderedAnswer {
  const channel = request.channel ?? 'whatsapp';
  const base = { answer_id: id, channel, language: 'es' as const, missing: [], attachments: [], safe_version: null };
  if (id === 3) {
    const fills = Object.fromEntries(request.fills);
    const text = `Tenemos ${fills.talle ?? '{{choose:talle|S|M|L}}'} en ${fills.color ?? '{{ask:color}}'}.`;
    const prompts = [
      ...(fills.talle ? [] : [{ key: 'talle', options: ['S', 'M', 'L'] }]),
      ...(fills.color ? [] : [{ key: 'color', options: [] }]),
    ];
    return { ...base, version: null, text, prompts, lint: lint(channel, text), versions: [check(null, text, channel)] };
  }
  if (id === 4) {
    const text = 'Total: {{order.total}}. Retirás en {{pickup.place}}.';
    return {
      ...base,
      version: null,
      text,
      prompts: [],
      missing: [
        { name: 'order.total', reason: 'undefined' },
        { name: 'pickup.place', reason: 'empty' },
      ],
      lint: lint(channel, text),
      versions: [check(null, text, channel)],
    };
  }
  // 1: the WhatsApp version has a phone; the Mercado Libre one is clean.
  const dirty = 'Hola Ana, pagás al alias taller.barro o me escribís al 351 555-1234.';
  const clean = 'Hola Ana, pagás con Mercado Pago al confirmar la compra.';
  const findings = [{ rule: 'phone' as const, start: 48, end: 60, excerpt: '351 555-1234' }];
  const useMl = request.version === 'ml_post_sale';
  const whatsapp = check('whatsapp', dirty, channel, findings);
  const ml = check('ml_post_sale', clean, channel);
  return {
    ...base,
    version: useMl ? 'ml_post_sale' : 'whatsapp',
    text: useMl ? clean : dirty,
    prompts: [],
    lint: useMl ? lint(channel, clean) : lint(channel, dirty, findings),
    versions: useMl ? [ml, whatsapp] : [whatsapp, ml],
    safe_version: useMl ? null : ml,
  };
}

function installAnswersShell(list: SavedAnswer[] = LIBRARY) {
  const calls: Call[] = [];
  let library = [...list];
  mockWindows('main');
  mockIPC(
    (command, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ command, args });
      switch (command) {
        case 'answers_search': {
          const q = String(args.query).replace(/^\//, '').toLowerCase();
          const hits: AnswerHit[] = library
            .filter((a) => q === '' || a.title.toLowerCase().includes(q) || (a.shortcut ?? '').startsWith(q))
            .map((a) => ({ answer: a, score: 1, shortcut_prefix: (a.shortcut ?? '').startsWith(q) }));
          return hits;
        }
        case 'answers_suggest':
          return [];
        case 'answer_render':
          return rendered(args.id as number, args.request as RenderRequest);
        case 'answers_list':
          return library;
        case 'answer_facts_get':
          return { payment_alias: null, pickup_place: null, shop_phone: null };
        case 'answer_delete':
          library = library.filter((a) => a.id !== args.id);
          return null;
        case 'answer_save': {
          const input = args.input as AnswerInput;
          const id = (args.id as number | null) ?? 100 + library.length;
          library = [...library.filter((a) => a.id !== id), answer(id, input.title, input.shortcut ?? '', input.body, input)];
          return id;
        }
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls, callsTo: (c: string) => calls.filter((x) => x.command === c) };
}

beforeEach(() => {
  resetStores();
  answers.closeLibrary();
  answers.list = [];
});

describe('the / picker in the composer', () => {
  it('opens on "/", filters as the seller types, and Enter inserts the filled answer', async () => {
    const shell = installAnswersShell();
    const view = conversationOf(row(1, { channel: 'whatsapp', kind: 'chat' }));
    const inserted: string[] = [];
    triage.type(1, 'Buenas! /');
    render(ComposerAnswers, { view, insert: (text: string) => inserted.push(text) });

    await waitFor(() => expect(screen.getAllByTestId('answer-hit')).toHaveLength(3));
    const search = screen.getByTestId('answer-search') as HTMLInputElement;
    expect(search.value).toBe('/');

    await fireEvent.input(search, { target: { value: '/env' } });
    await waitFor(() => expect(screen.getAllByTestId('answer-hit')).toHaveLength(1));
    expect(screen.getByTestId('answer-hit').dataset.shortcut).toBe('envio');
    expect(shell.callsTo('answers_search').at(-1)?.args.query).toBe('/env');

    await fireEvent.input(search, { target: { value: '/pa' } });
    await waitFor(() => expect(screen.getAllByTestId('answer-hit').map((h) => h.dataset.shortcut)).toEqual(['pago']));
    await fireEvent.keyDown(search, { key: 'Enter' });
    const preview = await screen.findByTestId('answer-preview');
    expect(preview.textContent).toContain('Hola Ana');

    await fireEvent.click(screen.getByTestId('answer-do'));
    expect(inserted).toEqual(['Hola Ana, pagás al alias taller.barro o me escribís al 351 555-1234.']);
    // The "/" typed is taken out of the draft; the use is counted.
    expect(triage.draft(1)).toBe('Buenas! ');
    await waitFor(() => expect(shell.callsTo('answer_used')).toHaveLength(1));
  });

  it('says so when nothing matches', async () => {
    installAnswersShell();
    triage.type(1, '/zzz');
    render(ComposerAnswers, { view: conversationOf(row(1)), insert: () => undefined });
    expect(await screen.findByText('No hay respuestas con eso.')).toBeTruthy();
  });
});

describe('filling an answer', () => {
  const fill = (answerId: number, channel: AnswerChannel, done: string[]) =>
    render(AnswerFill, {
      answerId,
      conversationId: 1,
      channel,
      actionLabel: 'Copiar',
      onDone: (text: string) => done.push(text),
      onCancel: () => undefined,
    });

  it('asks the fill-in prompts and only then lets the seller copy', async () => {
    const shell = installAnswersShell();
    const done: string[] = [];
    fill(3, 'whatsapp', done);
    const prompts = await screen.findAllByTestId('answer-prompt');
    expect(prompts).toHaveLength(2);
    expect(screen.getByText('Completa antes de copiar')).toBeTruthy();
    expect((screen.getByTestId('answer-do') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.change(prompts[0]!, { target: { value: 'M' } });
    await waitFor(() => expect(screen.getAllByTestId('answer-prompt')).toHaveLength(1));
    await fireEvent.change(screen.getByTestId('answer-prompt'), { target: { value: 'verde' } });
    await waitFor(() => expect(screen.getByTestId('answer-preview').textContent).toBe('Tenemos M en verde.'));
    expect(shell.callsTo('answer_render').at(-1)?.args.request).toMatchObject({
      fills: [
        ['talle', 'M'],
        ['color', 'verde'],
      ],
    });
    const copy = screen.getByTestId('answer-do') as HTMLButtonElement;
    expect(copy.disabled).toBe(false);
    await fireEvent.click(copy);
    expect(done).toEqual(['Tenemos M en verde.']);
  });

  it('lists variables without a value before copying, and keeps them visible in the text', async () => {
    installAnswersShell();
    fill(4, 'whatsapp', []);
    const missing = await screen.findByTestId('answer-missing');
    expect(missing.textContent).toContain('Variables sin valor');
    expect(missing.textContent).toContain('{{order.total}} — no hay dato en esta conversación o pedido');
    expect(missing.textContent).toContain('{{pickup.place}} — el dato está vacío');
    expect(screen.getByTestId('answer-preview').textContent).toContain('{{order.total}}');
  });

  it('flags the phone for Mercado Libre and switches to the safe version on request', async () => {
    const shell = installAnswersShell();
    const done: string[] = [];
    fill(1, 'ml_post_sale', done);
    const flagged = await screen.findByTestId('answer-lint');
    expect(flagged.textContent).toContain('ML postventa la bloquearía o cortaría:');
    expect(flagged.querySelector('mark')?.textContent).toBe('351 555-1234');
    expect(flagged.textContent).toContain('Número de teléfono: Mercado Libre lo elimina');

    const safe = screen.getByTestId('answer-use-safe');
    expect(safe.textContent).toBe('Usar la versión ML postventa');
    await fireEvent.click(safe);
    await screen.findByTestId('answer-lint-ok');
    expect(shell.callsTo('answer_render').at(-1)?.args.request).toMatchObject({ version: 'ml_post_sale' });
    expect(screen.getByTestId('answer-preview').textContent).toBe('Hola Ana, pagás con Mercado Pago al confirmar la compra.');
    // The seller's text was never changed: the flagged version is still there to read.
    expect(screen.getByTestId('answer-other-versions').textContent).toContain('351 555-1234');
    await fireEvent.click(screen.getByTestId('answer-do'));
    expect(done).toEqual(['Hola Ana, pagás con Mercado Pago al confirmar la compra.']);
  });
});

describe('the library editor', () => {
  it('saves a new answer with its channel version and shows it in the list', async () => {
    const shell = installAnswersShell();
    answers.openLibrary();
    render(AnswersLibrary);
    await waitFor(() => expect(screen.getAllByTestId('answers-row')).toHaveLength(3));

    await fireEvent.click(screen.getByTestId('answers-new'));
    await fireEvent.input(screen.getByTestId('answer-title'), { target: { value: 'Seña para encargos' } });
    await fireEvent.input(screen.getByPlaceholderText('/…'), { target: { value: 'sena' } });
    await fireEvent.input(screen.getByTestId('answer-body'), { target: { value: 'Pedimos el 50 % de seña.' } });
    await fireEvent.click(screen.getByRole('tab', { name: 'WhatsApp' }));
    await fireEvent.input(screen.getByPlaceholderText('Pedimos el 50 % de seña.'), {
      target: { value: 'Seña al alias {{payment.alias}}.' },
    });
    await fireEvent.click(screen.getByTestId('answer-save'));

    await waitFor(() => expect(shell.callsTo('answer_save')).toHaveLength(1));
    expect(shell.callsTo('answer_save')[0]?.args).toMatchObject({
      id: null,
      input: {
        title: 'Seña para encargos',
        shortcut: 'sena',
        body: 'Pedimos el 50 % de seña.',
        language: 'es',
        variants: [{ channel: 'whatsapp', language: 'es', body: 'Seña al alias {{payment.alias}}.' }],
      },
    });
    expect(await screen.findByText('Guardada')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('answers-row')).toHaveLength(4));
    expect(screen.getAllByTestId('answers-row').some((r) => r.textContent?.includes('Seña para encargos'))).toBe(true);
  });

  it('shows the error when the shortcut is taken and keeps the form', async () => {
    mockWindows('main');
    mockIPC((command) => {
      if (command === 'answer_save') return Promise.reject({ code: 'answers_shortcut_taken', message: 'shortcut /pago is taken' });
      if (command === 'answers_list') return LIBRARY;
      if (command === 'answer_facts_get') return { payment_alias: null, pickup_place: null, shop_phone: null };
      return null;
    });
    answers.openLibrary();
    render(AnswersLibrary);
    await waitFor(() => expect(screen.getAllByTestId('answers-row')).toHaveLength(3));
    await fireEvent.click(screen.getAllByTestId('answers-row')[0]!);
    await fireEvent.click(screen.getByTestId('answer-save'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect((screen.getByTestId('answer-title') as HTMLInputElement).value).toBe('Medios de pago');
  });
});

describe('deleting an answer', () => {
  it('asks first: keeping it deletes nothing, confirming deletes it', async () => {
    const shell = installAnswersShell();
    answers.openLibrary();
    render(AnswersLibrary);
    await waitFor(() => expect(screen.getAllByTestId('answers-row')).toHaveLength(3));
    await fireEvent.click(screen.getAllByTestId('answers-row')[1]!);

    await fireEvent.click(screen.getByTestId('answer-delete'));
    const question = await screen.findByTestId('confirm-dialog');
    expect(question.textContent).toContain('¿Borrar «Envíos»?');
    expect(question.textContent).toContain('no se puede deshacer');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-no'));
    await fireEvent.click(screen.getByTestId('confirm-no'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(shell.callsTo('answer_delete')).toHaveLength(0);
    expect(screen.getAllByTestId('answers-row')).toHaveLength(3);

    await fireEvent.click(screen.getByTestId('answer-delete'));
    await fireEvent.click(await screen.findByTestId('confirm-yes'));
    await waitFor(() => expect(shell.callsTo('answer_delete')).toHaveLength(1));
    expect(shell.callsTo('answer_delete')[0]?.args).toEqual({ id: 2 });
    await waitFor(() => expect(screen.getAllByTestId('answers-row')).toHaveLength(2));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });
});

describe('attachments', () => {
  it('attaches a picked file to the answer and removes it again', async () => {
    const attachment = { id: 7, file_name: 'tabla.png', mime_type: 'image/png', size_bytes: 3, local_path: '/tmp/a/0-tabla.png' };
    const base = answer(1, 'Talles', 'talle', 'Mirá la tabla.');
    let library: SavedAnswer[] = [base];
    const calls: Call[] = [];
    mockWindows('main');
    mockIPC((command, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ command, args });
      if (command === 'plugin:dialog|open') return '/home/lucia/tabla.png';
      if (command === 'answer_attach') {
        library = [{ ...base, attachments: [attachment] }];
        return 7;
      }
      if (command === 'answer_detach') {
        library = [{ ...base, attachments: [] }];
        return null;
      }
      if (command === 'answers_list') return library;
      if (command === 'answer_facts_get') return { payment_alias: null, pickup_place: null, shop_phone: null };
      return null;
    });
    answers.openLibrary();
    render(AnswersLibrary);
    await fireEvent.click(await screen.findByTestId('answers-row'));
    expect(screen.getByTestId('answer-attachments').textContent).toContain('Sin adjuntos');

    await fireEvent.click(screen.getByTestId('answer-attach'));
    const picked = await screen.findByTestId('answer-attachment');
    expect(picked.textContent).toContain('tabla.png');
    const dialog = calls.find((c) => c.command === 'plugin:dialog|open');
    expect(dialog?.args).toMatchObject({
      options: { filters: [{ name: 'Imágenes y PDF', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf'] }] },
    });
    expect(calls.find((c) => c.command === 'answer_attach')?.args).toEqual({ answerId: 1, path: '/home/lucia/tabla.png' });

    await fireEvent.click(screen.getByRole('button', { name: 'Quitar tabla.png' }));
    await waitFor(() => expect(screen.queryByTestId('answer-attachment')).toBeNull());
    expect(calls.find((c) => c.command === 'answer_detach')?.args).toEqual({ attachmentId: 7 });
  });

  it('a new answer must be saved before attaching', async () => {
    installAnswersShell();
    answers.openLibrary();
    render(AnswersLibrary);
    await fireEvent.click(await screen.findByTestId('answers-new'));
    expect(screen.queryByTestId('answer-attach')).toBeNull();
    expect(screen.getByText('Guarda la respuesta para poder adjuntarle archivos.')).toBeTruthy();
  });

  it('copies the text with the main button and offers the image as a second one', async () => {
    const calls: Call[] = [];
    mockWindows('main');
    mockIPC((command, payload) => {
      calls.push({ command, args: (payload ?? {}) as Record<string, unknown> });
      if (command === 'answer_render') {
        const text = 'Te paso la tabla de talles.';
        return {
          answer_id: 5,
          channel: 'whatsapp',
          language: 'es',
          version: null,
          text,
          prompts: [],
          missing: [],
          lint: lint('whatsapp', text),
          versions: [check(null, text, 'whatsapp')],
          safe_version: null,
          attachments: [
            { id: 8, file_name: 'tabla.png', mime_type: 'image/png', size_bytes: 3, local_path: '/x/tabla.png' },
            { id: 9, file_name: 'catalogo.pdf', mime_type: 'application/pdf', size_bytes: 3, local_path: '/x/c.pdf' },
          ],
        } satisfies RenderedAnswer;
      }
      return null;
    });
    const done: string[] = [];
    render(AnswerFill, {
      answerId: 5,
      conversationId: 1,
      channel: 'whatsapp',
      actionLabel: 'Copiar',
      onDone: (text: string) => done.push(text),
      onCancel: () => undefined,
    });
    expect((await screen.findByTestId('answer-one-item')).textContent).toContain('El portapapeles guarda una cosa a la vez');
    // Only the picture gets an image button; the PDF is listed.
    const copyImage = screen.getAllByTestId('answer-copy-image');
    expect(copyImage).toHaveLength(1);
    expect(copyImage[0]?.textContent).toBe('Copiar imagen');
    expect(screen.getByTestId('answer-fill-attachments').textContent).toContain('catalogo.pdf');
    await fireEvent.click(screen.getByTestId('answer-do'));
    expect(done).toEqual(['Te paso la tabla de talles.']);
    await fireEvent.click(copyImage[0]!);
    expect(await screen.findByText('Imagen copiada. Pégala en el chat.')).toBeTruthy();
    expect(calls.find((c) => c.command === 'answer_copy_image')?.args).toEqual({ attachmentId: 8 });
  });
});

describe('the quick picker window', () => {
  function quickShell() {
    const calls: Call[] = [];
    mockWindows('quick-picker');
    mockIPC((command, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ command, args });
      switch (command) {
        case 'app_info':
          return { version: '0.1.0', db_path: '/tmp/m.sqlite3', data_dir: '/tmp', empty: false, os_locale: 'es-AR' };
        case 'settings_get':
          return { language: null, shop_name: null, time_zone: null };
        case 'answers_search': {
          const q = String(args.query).toLowerCase();
          return [LIBRARY[1]!, answer(4, 'Total del pedido', 'total', 'Total: {{order.total}}.')]
            .filter((a) => a.title.toLowerCase().includes(q))
            .map((a) => ({ answer: a, score: 1, shortcut_prefix: false }));
        }
        case 'answer_render': {
          const id = args.id as number;
          if (id === 2) {
            const text = 'Enviamos por Correo Argentino.';
            return { ...rendered(3, args.request as RenderRequest), answer_id: 2, text, prompts: [], versions: [check(null, text, 'whatsapp')] };
          }
          return rendered(id, args.request as RenderRequest);
        }
        default:
          return null;
      }
    });
    return calls;
  }

  it('Enter copies a complete answer and closes the window', async () => {
    const calls = quickShell();
    const { default: QuickPicker } = await import('$lib/components/answers/QuickPicker.svelte');
    render(QuickPicker);
    const search = await screen.findByTestId('quick-search');
    await fireEvent.input(search, { target: { value: 'env' } });
    await waitFor(() => expect(screen.getAllByTestId('quick-hit')).toHaveLength(1));
    await fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(calls.some((c) => c.command === 'quick_picker_close')).toBe(true));
    expect(calls.find((c) => c.command === 'answer_copy')?.args).toEqual({ id: 2, text: 'Enviamos por Correo Argentino.' });
    // No conversation: only the shop's values fill in.
    expect(calls.find((c) => c.command === 'answer_render')?.args.request).toMatchObject({ conversation_id: null });
  });

  it('lists what has no value before copying, and Esc closes', async () => {
    const calls = quickShell();
    const { default: QuickPicker } = await import('$lib/components/answers/QuickPicker.svelte');
    render(QuickPicker);
    const search = await screen.findByTestId('quick-search');
    await fireEvent.input(search, { target: { value: 'total' } });
    await waitFor(() => expect(screen.getAllByTestId('quick-hit')).toHaveLength(1));
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect((await screen.findByTestId('answer-missing')).textContent).toContain('{{order.total}}');
    expect(calls.some((c) => c.command === 'answer_copy')).toBe(false);
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(calls.some((c) => c.command === 'quick_picker_close')).toBe(true));
  });
});
