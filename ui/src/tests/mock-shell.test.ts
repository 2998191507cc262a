// The browser preview's fake shell (VITE_MOCK_IPC=1) against the declared commands: it answers only
// commands that exist, and any other one fails loudly, naming the command.

import { describe, expect, it, vi } from 'vitest';
import { MOCKED_COMMANDS, installMockShell } from '$lib/dev/mock-shell';
import { COMMAND_NAMES, appInfo } from '$lib/ipc/commands';
import { call } from '$lib/ipc/shell';

describe('the preview shell', () => {
  it('answers only declared commands', () => {
    const declared: readonly string[] = COMMAND_NAMES;
    expect(MOCKED_COMMANDS.filter((command) => !declared.includes(command))).toEqual([]);
  });

  it('answers what it mocks, and names a command it does not answer', async () => {
    installMockShell(new URLSearchParams('scenario=first-run'));
    await expect(appInfo()).resolves.toMatchObject({ empty: true });

    const mocked: readonly string[] = MOCKED_COMMANDS;
    const unanswered = COMMAND_NAMES.find((command) => !mocked.includes(command));
    if (!unanswered) return;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(call(unanswered)).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining(unanswered),
    });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(unanswered));
  });
});
