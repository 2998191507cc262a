// Saved answers: the library (for the library screen) and the "save as answer" hand-off.

import type { IpcError, Language, SavedAnswer } from '$lib/ipc/bindings';
import { answersInstallStarter, answersList } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

class AnswersState {
  libraryOpen = $state(false);
  list = $state.raw<SavedAnswer[]>([]);
  error = $state<IpcError | null>(null);
  /** Text handed to the library's editor by "Save as answer". */
  draftBody = $state<string | null>(null);

  async refresh(): Promise<void> {
    try {
      this.list = await answersList();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** The starter pack once (the core makes a second call add nothing). */
  async installStarter(language: Language): Promise<void> {
    try {
      await answersInstallStarter(language);
      await this.refresh();
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  openLibrary(draftBody: string | null = null): void {
    this.draftBody = draftBody;
    this.libraryOpen = true;
    void this.refresh();
  }

  closeLibrary(): void {
    this.libraryOpen = false;
    this.draftBody = null;
  }
}

export const answers = new AnswersState();
