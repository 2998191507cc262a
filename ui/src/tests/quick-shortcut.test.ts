// The quick picker's system-wide shortcut in Settings: a key press becomes the plugin's
// accelerator, keys without Ctrl/Alt/Cmd are refused here, and the shell's refusal (another program
// holds the keys) is said plainly while the previous shortcut stays.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromKeyEvent, label } from '$lib/components/quick-shortcut/accelerator';
import QuickShortcutField from '$lib/components/quick-shortcut/QuickShortcutField.svelte';
import type { QuickPickerShortcut } from '$lib/ipc/bindings';
import { quickShortcut } from '$lib/stores/quickShortcut.svelte';
import { resetStores } from './reset';

beforeEach(() => {
  resetStores();
  quickShortcut.reset();
});

const key = (code: string, key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('accelerators', () => {
  it('are built from the physical key and need a real modifier', () => {
    expect(fromKeyEvent(key('KeyK', 'k', { ctrlKey: true, altKey: true }))).toEqual({ kind: 'shortcut', accelerator: 'Control+Alt+KeyK' });
    expect(fromKeyEvent(key('Space', ' ', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'shortcut', accelerator: 'Control+Shift+Space' });
    expect(fromKeyEvent(key('Digit1', '!', { metaKey: true, shiftKey: true }))).toEqual({ kind: 'shortcut', accelerator: 'Shift+Super+Digit1' });
    expect(fromKeyEvent(key('KeyK', 'K', { shiftKey: true }))).toEqual({ kind: 'needs-modifier' });
    expect(fromKeyEvent(key('ControlLeft', 'Control', { ctrlKey: true }))).toEqual({ kind: 'partial' });
    expect(fromKeyEvent(key('Escape', 'Escape'))).toEqual({ kind: 'cancel' });
  });

  it('are shown the way the system names the keys', () => {
    expect(label('CmdOrCtrl+Shift+Space', false)).toBe('Ctrl+Shift+Space');
    expect(label('CmdOrCtrl+Shift+Space', true)).toBe('⌘+Shift+Space');
    expect(label('Control+Alt+KeyK', false)).toBe('Ctrl+Alt+K');
    expect(label('Shift+Super+Digit1', false)).toBe('Shift+Super+1');
  });
});

describe('the shortcut field', () => {
  function shell(taken: string[]) {
    let current: QuickPickerShortcut = { shortcut: 'CmdOrCtrl+Shift+Space', is_default: true, registered: true, error: null };
    const sets: unknown[] = [];
    mockWindows('main');
    mockIPC((command, args) => {
      if (command === 'quick_picker_shortcut_get') return current;
      if (command === 'quick_picker_shortcut_set') {
        const wanted = (args as { shortcut: string | null }).shortcut;
        sets.push(wanted);
        if (wanted && taken.includes(wanted)) throw { code: 'global_shortcut_taken', message: 'HotKey already registered' };
        current = { shortcut: wanted ?? 'CmdOrCtrl+Shift+Space', is_default: wanted === null, registered: true, error: null };
        return current;
      }
      return null;
    });
    return sets;
  }

  it('records a new combination, says when another program has it, and goes back to the default', async () => {
    const sets = shell(['Control+Alt+KeyT']);
    render(QuickShortcutField);
    await waitFor(() => expect(screen.getByTestId('quick-shortcut-keys').textContent).toBe('Ctrl+Shift+Space'));

    // Shift alone is refused before anything is sent.
    await fireEvent.click(screen.getByTestId('quick-shortcut-change'));
    const input = await screen.findByTestId('quick-shortcut-input');
    await fireEvent.keyDown(input, key('KeyK', 'K', { shiftKey: true }));
    expect(screen.getByTestId('quick-shortcut-press-hint').textContent).toContain('Usa Ctrl, Alt o Cmd');
    expect(sets).toEqual([]);

    // Taken by another program: the message says so, the old keys stay.
    await fireEvent.keyDown(input, key('KeyT', 't', { ctrlKey: true, altKey: true }));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('Otro programa ya usa esa combinación');
    expect(screen.getByTestId('quick-shortcut-keys').textContent).toBe('Ctrl+Shift+Space');

    await fireEvent.click(screen.getByTestId('quick-shortcut-change'));
    await fireEvent.keyDown(await screen.findByTestId('quick-shortcut-input'), key('KeyK', 'k', { ctrlKey: true, altKey: true }));
    expect((await screen.findByTestId('quick-shortcut-saved')).textContent).toBe('Listo: Ctrl+Alt+K abre el buscador rápido.');
    expect(screen.getByTestId('quick-shortcut-keys').textContent).toBe('Ctrl+Alt+K');

    await fireEvent.click(screen.getByTestId('quick-shortcut-reset'));
    await screen.findByText('Listo: Ctrl+Shift+Space abre el buscador rápido.');
    expect(sets).toEqual(['Control+Alt+KeyT', 'Control+Alt+KeyK', null]);
  });

  it('says when the shortcut in effect could not be registered at launch', async () => {
    mockWindows('main');
    mockIPC((command) =>
      command === 'quick_picker_shortcut_get'
        ? { shortcut: 'CmdOrCtrl+Shift+Space', is_default: true, registered: false, error: 'HotKey already registered' }
        : null,
    );
    render(QuickShortcutField);
    const warning = await screen.findByTestId('quick-shortcut-not-registered');
    expect(warning.textContent).toBe('Otro programa ya usa Ctrl+Shift+Space, así que ahora no abre el buscador. Elige otra combinación.');
  });
});
