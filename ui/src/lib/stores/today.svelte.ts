// The today view: open orders by due date, overdue first (the core sorts and dates them).

import type { IpcError, TodayView } from '$lib/ipc/bindings';
import { orderCommands, toIpcError } from '$lib/ipc/commands';

class TodayState {
  open = $state(false);
  view = $state.raw<TodayView | null>(null);
  error = $state<IpcError | null>(null);

  async show(): Promise<void> {
    this.open = true;
    await this.refresh();
  }

  hide(): void {
    this.open = false;
  }

  async refresh(): Promise<void> {
    if (!this.open) return;
    try {
      this.view = await orderCommands.todayView();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }
}

export const today = new TodayState();
