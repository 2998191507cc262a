// "Is this message needed?" in the composer, against a fake shell: in a Mercado Libre post-sale
// conversation Send and Copy first ask the core; findings open the question with the words marked
// (as text), "Enviar igual" / "Copiar igual" (or Ctrl+Enter) go on, "Volver a editar" goes back to
// the reply box; a needed message, another kind of conversation, or a check that fails goes at once.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type { InboxRow, PostSaleFinding, PostSaleSpan, SendCapability } from '$lib/ipc/bindings';
import { COPY_ONLY, conversationOf, installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const THANKS = '¡Muchas gracias por tu compra! Que la disfrutes 😊';
const SHIPPED = 'Thanks! 🙌 Your order has been shipped';
const NEEDED = '¡Gracias por tu compra! ¿Me confirmás el color?';
const HOSTILE = '<img src=x onerror=alert(1)> gracias <b>';

const SENDS: SendCapability = {
  mode: 'send',
  max_chars: 350,
  max_bytes: null,
  public_and_permanent: false,
  public: false,
  blocked_reason: null,
  reply_until: null,
  private_reply_until: null,
  opens_in_app: false,
  needs_reason: false,
};

/** Where `words` are in `text`, in UTF-16 units as the core says (JS string indexes are those). */
function span(text: string, words: string): PostSaleSpan {
  const start = text.indexOf(words);
  return { start, end: start + words.length, words };
}

/** What the core would find in the texts these tests type. */
function findingsOf(text: string): PostSaleFinding[] {
  switch (text) {
    case THANKS:
      return [{ kind: 'thanks_only', spans: [span(text, 'Muchas gracias'), span(text, 'Que la disfrutes')] }];
    case SHIPPED:
      return [
        { kind: 'thanks_only', spans: [span(text, 'Thanks')] },
        { kind: 'progress_update', spans: [span(text, 'has been shipped')] },
      ];
    case HOSTILE:
      return [{ kind: 'thanks_only', spans: [span(text, 'onerror=alert(1)> gracias')] }];
    default:
      return [];
  }
}

type Setup = {
  send?: SendCapability;
  kind?: InboxRow['kind'];
  channel?: InboxRow['channel'];
  checkFails?: boolean;
  osLocale?: string;
};

function postSaleShell(setup: Setup = {}) {
  const { send = SENDS, kind = 'post_sale', channel = 'mercado_libre', checkFails = false, osLocale } = setup;
  const summary = row(1, { buyer_name: 'Gabi Romero', kind, channel });
  const sent: string[] = [];
  const shell = installShell({
    rows: [summary],
    osLocale,
    failing: checkFails ? { reply_post_sale_check: { code: 'internal', message: 'the check broke' } } : {},
    extra: (command, args) => {
      switch (command) {
        case 'conversation_get':
          return { ...conversationOf(summary), send };
        case 'reply_post_sale_check':
          return findingsOf(args.text as string);
        case 'reply_send':
          sent.push(args.text as string);
          return null;
        case 'outbox_list':
          return [];
        default:
          return undefined;
      }
    },
  });
  return { shell, sent };
}

async function openAndType(text: string) {
  render(App);
  const [first] = await screen.findAllByTestId('inbox-row');
  await fireEvent.click(first!);
  const box = (await screen.findByTestId('composer-text')) as HTMLTextAreaElement;
  await fireEvent.input(box, { target: { value: text } });
  return box;
}

describe('the post-sale check', () => {
  it('asks before a thank-you goes, with the words marked, and sends it anyway', async () => {
    const { shell, sent } = postSaleShell();
    await openAndType(`  ${THANKS}\n`);
    await fireEvent.click(screen.getByTestId('composer-send'));

    const dialog = await screen.findByTestId('post-sale-check');
    expect(dialog.dataset.action).toBe('send');
    // The trimmed text is checked, as it would go.
    expect(shell.callsTo('reply_post_sale_check').map((c) => c.args)).toEqual([{ text: THANKS }]);
    expect(within(dialog).getByRole('heading').textContent).toContain('¿Hace falta este mensaje?');
    const findings = within(dialog).getAllByTestId('post-sale-finding');
    expect(findings.map((f) => f.dataset.kind)).toEqual(['thanks_only']);
    expect(findings[0]!.textContent).toContain('solo para agradecerle');
    expect(within(dialog).getByTestId('post-sale-check-text').textContent).toBe(THANKS);
    expect(within(dialog).getAllByTestId('post-sale-mark').map((m) => m.textContent)).toEqual([
      'Muchas gracias',
      'Que la disfrutes',
    ]);
    // Going back has the focus: an Enter right after does not send by accident.
    expect(document.activeElement).toBe(within(dialog).getByTestId('post-sale-check-edit'));
    expect(sent).toEqual([]);

    const proceed = within(dialog).getByTestId('post-sale-check-proceed');
    expect(proceed.textContent).toContain('Enviar igual');
    await fireEvent.click(proceed);
    await waitFor(() => expect(sent).toEqual([THANKS]));
    expect(screen.queryByTestId('post-sale-check')).toBeNull();
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe(''));
  });

  it('goes back to the reply box with the text kept; Ctrl+Enter asks again and then goes on', async () => {
    const { sent } = postSaleShell();
    const box = await openAndType(THANKS);
    await fireEvent.click(screen.getByTestId('composer-send'));
    await fireEvent.click(await screen.findByTestId('post-sale-check-edit'));
    await waitFor(() => expect(screen.queryByTestId('post-sale-check')).toBeNull());
    expect(sent).toEqual([]);
    expect(box.value).toBe(THANKS);
    await waitFor(() => expect(document.activeElement).toBe(box));

    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByTestId('post-sale-check');
    await fireEvent.keyDown(dialog, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(sent).toEqual([THANKS]));
    expect(screen.queryByTestId('post-sale-check')).toBeNull();
  });

  it('explains each kind found, in the seller’s language', async () => {
    postSaleShell({ osLocale: 'en-US' });
    await openAndType(SHIPPED);
    await fireEvent.click(screen.getByTestId('composer-send'));
    const dialog = await screen.findByTestId('post-sale-check');
    expect(within(dialog).getByRole('heading').textContent).toContain('Is this message needed?');
    const findings = within(dialog).getAllByTestId('post-sale-finding');
    expect(findings.map((f) => f.dataset.kind)).toEqual(['thanks_only', 'progress_update']);
    expect(findings[1]!.textContent).toContain('they would get this news twice');
    expect(within(dialog).getAllByTestId('post-sale-mark').map((m) => m.textContent)).toEqual([
      'Thanks',
      'has been shipped',
    ]);
    expect(within(dialog).getByTestId('post-sale-check-proceed').textContent).toContain('Send anyway');
    expect(within(dialog).getByTestId('post-sale-check-edit').textContent).toContain('Edit again');
  });

  it('sends a needed message at once', async () => {
    const { shell, sent } = postSaleShell();
    await openAndType(NEEDED);
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(sent).toEqual([NEEDED]));
    expect(shell.callsTo('reply_post_sale_check')).toHaveLength(1);
    expect(screen.queryByTestId('post-sale-check')).toBeNull();
  });

  it('asks before Copy too, where the account copies, and copies anyway', async () => {
    const { shell } = postSaleShell({ send: COPY_ONLY });
    await openAndType(THANKS);
    await fireEvent.click(screen.getByTestId('composer-copy'));
    const dialog = await screen.findByTestId('post-sale-check');
    expect(dialog.dataset.action).toBe('copy');
    expect(shell.copied).toEqual([]);
    const proceed = within(dialog).getByTestId('post-sale-check-proceed');
    expect(proceed.textContent).toContain('Copiar igual');
    await fireEvent.click(proceed);
    await waitFor(() => expect(shell.copied).toEqual([{ id: 1, text: THANKS }]));
  });

  it('checks only what is written after a sale on Mercado Libre', async () => {
    const question = postSaleShell({ kind: 'pre_sale_question' });
    await openAndType(THANKS);
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(question.sent).toEqual([THANKS]));
    expect(question.shell.callsTo('reply_post_sale_check')).toEqual([]);
  });

  it('does not check a chat on another channel', async () => {
    const chat = postSaleShell({ send: COPY_ONLY, kind: 'chat', channel: 'whatsapp' });
    await openAndType(THANKS);
    await fireEvent.click(screen.getByTestId('composer-copy'));
    await waitFor(() => expect(chat.shell.copied).toEqual([{ id: 1, text: THANKS }]));
    expect(chat.shell.callsTo('reply_post_sale_check')).toEqual([]);
  });

  it('sends when the check cannot run', async () => {
    const { sent } = postSaleShell({ checkFails: true });
    await openAndType(THANKS);
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(sent).toEqual([THANKS]));
    expect(screen.queryByTestId('post-sale-check')).toBeNull();
  });

  it('shows the message as text, never HTML', async () => {
    postSaleShell();
    await openAndType(HOSTILE);
    await fireEvent.click(screen.getByTestId('composer-send'));
    const dialog = await screen.findByTestId('post-sale-check');
    expect(dialog.querySelector('img, b')).toBeNull();
    expect(within(dialog).getByTestId('post-sale-check-text').textContent).toBe(HOSTILE);
    expect(within(dialog).getByTestId('post-sale-mark').textContent).toBe('onerror=alert(1)> gracias');
  });
});
