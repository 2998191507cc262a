// The metrics screen: how the shop answers over the last four months (the core computes them).

import type { IpcError, Metrics } from '$lib/ipc/bindings';
import { metricsCommands, toIpcError } from '$lib/ipc/commands';

class MetricsState {
  open = $state(false);
  view = $state.raw<Metrics | null>(null);
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
      this.view = await metricsCommands.get();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  reset(): void {
    this.open = false;
    this.view = null;
    this.error = null;
  }
}

export const metrics = new MetricsState();
