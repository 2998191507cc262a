// Settings' backups panel against a mocked shell: no copy yet, a copy made on demand, and a full
// disk explained in the seller's language.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import BackupsPanel from '$lib/components/backups/BackupsPanel.svelte';
import type { BackupFile } from '$lib/ipc/bindings';
import { i18n } from '$lib/i18n/i18n.svelte';
import { resetStores } from './reset';

beforeEach(resetStores);

const FOLDER = '/home/lucia/.local/share/mostrador/backups';
const COPY: BackupFile = {
  path: `${FOLDER}/mostrador-2026-11-27-0930.sqlite3`,
  name: 'mostrador-2026-11-27-0930.sqlite3',
  taken_at: 1_795_771_800,
  size_bytes: 3_400_000,
};

describe('backups', () => {
  it('says there is no copy yet, makes one on demand and then shows it', async () => {
    let files: BackupFile[] = [];
    const calls: string[] = [];
    mockWindows('main');
    mockIPC((command) => {
      calls.push(command);
      if (command === 'backups_list') return { folder: FOLDER, files, kept: 7 };
      if (command === 'backup_now') {
        files = [COPY];
        return COPY;
      }
      return null;
    });
    render(BackupsPanel);
    await waitFor(() => expect(screen.getByTestId('backups-last').textContent).toContain('Todavía no hay ninguna copia'));
    expect(screen.getByTestId('backups').textContent).toContain('guarda las últimas 7');
    expect(screen.getByTestId('backups-folder').textContent).toBe(FOLDER);

    await fireEvent.click(screen.getByTestId('backup-now'));
    expect(await screen.findByTestId('backup-made')).toBeTruthy();
    expect(calls.filter((c) => c === 'backup_now')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('backups-last').textContent).toContain('Última copia:'));
    expect(screen.getByTestId('backups-last').textContent).toContain('MB');
  });

  it('explains a full disk and keeps the button', async () => {
    i18n.set('pt-BR');
    mockWindows('main');
    mockIPC((command) => {
      if (command === 'backups_list') return { folder: FOLDER, files: [COPY], kept: 7 };
      if (command === 'backup_now') return Promise.reject({ code: 'disk_full', message: 'database or disk is full' });
      return null;
    });
    render(BackupsPanel);
    await waitFor(() => expect(screen.getByTestId('backups-last').textContent).toContain('Última cópia:'));
    await fireEvent.click(screen.getByTestId('backup-now'));
    expect((await screen.findByRole('alert')).textContent).toContain('Seu disco está cheio');
    expect(screen.queryByTestId('backup-made')).toBeNull();
    expect((screen.getByTestId('backup-now') as HTMLButtonElement).disabled).toBe(false);
  });
});
