// The shared dialog behaviour (`use:modal`) on a bare <dialog>: opening, first focus, backdrop,
// the close report with its return value, and the focus given back.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { modal } from './modal';

function setUp() {
  const opener = document.createElement('button');
  const dialog = document.createElement('dialog');
  const inside = document.createElement('button');
  dialog.append(inside);
  document.body.append(opener, dialog);
  opener.focus();
  return { opener, dialog, inside };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('use:modal', () => {
  it('opens the dialog, focuses what it is told, and gives the focus back when destroyed', () => {
    const { opener, dialog, inside } = setUp();
    const action = modal(dialog, { onclose: () => undefined, initialFocus: () => inside });
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(inside);
    action.destroy?.();
    expect(document.activeElement).toBe(opener);
  });

  it('reports the close with the value given to close()', () => {
    const { dialog } = setUp();
    const onclose = vi.fn();
    modal(dialog, { onclose });
    dialog.close('confirm');
    expect(onclose).toHaveBeenCalledWith('confirm');
  });

  it('closes on a backdrop click only when asked to, never on a click inside', () => {
    const { dialog, inside } = setUp();
    const onclose = vi.fn();
    const action = modal(dialog, { onclose });
    dialog.click();
    expect(onclose).not.toHaveBeenCalled();

    action.update?.({ onclose, closeOnBackdrop: true });
    inside.click();
    expect(onclose).not.toHaveBeenCalled();
    dialog.click();
    expect(onclose).toHaveBeenCalledWith('');
  });

  it('stays open when a press starts on the content and ends on the backdrop (selecting text)', () => {
    const { dialog, inside } = setUp();
    const onclose = vi.fn();
    modal(dialog, { onclose, closeOnBackdrop: true });
    inside.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    dialog.click();
    expect(onclose).not.toHaveBeenCalled();
    expect(dialog.hasAttribute('open')).toBe(true);

    dialog.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    dialog.click();
    expect(onclose).toHaveBeenCalledWith('');
  });

  it('stops listening once destroyed', () => {
    const { dialog } = setUp();
    const onclose = vi.fn();
    modal(dialog, { onclose, closeOnBackdrop: true }).destroy?.();
    dialog.close();
    expect(onclose).not.toHaveBeenCalled();
  });
});
