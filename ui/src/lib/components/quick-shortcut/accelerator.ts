// Keyboard shortcuts as the shell's global-shortcut plugin reads them ("Control+Shift+Space",
// "CmdOrCtrl+Shift+Space"), built from a key press and shown the way the seller's system names keys.

/** What a key press in the "press the new shortcut" field means. */
export type Pressed =
  | { kind: 'cancel' }
  | { kind: 'partial' }
  | { kind: 'needs-modifier' }
  | { kind: 'shortcut'; accelerator: string };

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'CapsLock']);

/** `event.code` names the physical key ("KeyK", "Digit1", "Space", "F5"): the plugin reads those
 * names, and they do not change with the keyboard layout or with Shift. */
export function fromKeyEvent(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): Pressed {
  if (MODIFIER_KEYS.has(event.key) || event.code === '') return { kind: 'partial' };
  const modifiers = [
    event.ctrlKey && 'Control',
    event.altKey && 'Alt',
    event.shiftKey && 'Shift',
    event.metaKey && 'Super',
  ].filter((m): m is string => typeof m === 'string');
  if (event.key === 'Escape' && modifiers.length === 0) return { kind: 'cancel' };
  // Shift alone would swallow capital letters everywhere.
  if (!event.ctrlKey && !event.altKey && !event.metaKey) return { kind: 'needs-modifier' };
  return { kind: 'shortcut', accelerator: [...modifiers, event.code].join('+') };
}

/** "CmdOrCtrl+Shift+Space" → "Ctrl+Shift+Space" (or "⌘+Shift+Space" on a Mac); "KeyK" → "K". */
export function label(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((part) => {
      const upper = part.toUpperCase();
      if (['CMDORCTRL', 'CMDORCONTROL', 'COMMANDORCONTROL', 'COMMANDORCTRL'].includes(upper)) return mac ? '⌘' : 'Ctrl';
      if (upper === 'CONTROL' || upper === 'CTRL') return 'Ctrl';
      if (upper === 'ALT' || upper === 'OPTION') return mac ? '⌥' : 'Alt';
      if (['SUPER', 'CMD', 'COMMAND', 'META'].includes(upper)) return mac ? '⌘' : 'Super';
      if (upper === 'SHIFT') return 'Shift';
      if (/^KEY[A-Z]$/.test(upper)) return upper.slice(3);
      if (/^DIGIT[0-9]$/.test(upper)) return upper.slice(5);
      return part;
    })
    .join('+');
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform || navigator.userAgent);
}
