// The UI's entry point: mounts the inbox app, or the quick picker in its own window.

import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { windowLabel } from './lib/ipc/shell';

async function start(): Promise<void> {
  // Browser previews and screenshots only: a fake shell with sample data. `VITE_MOCK_IPC` is unset in
  // real builds, so this branch and the module it loads are dropped from the bundle.
  if (import.meta.env.VITE_MOCK_IPC === '1') {
    const { installMockShell } = await import('./lib/dev/mock-shell');
    installMockShell(new URLSearchParams(window.location.search));
  }
  const target = document.getElementById('app');
  if (!target) return;
  // The quick picker window loads the same page under its own label.
  if (windowLabel() === 'quick-picker') {
    const { default: QuickPicker } = await import('./lib/components/answers/QuickPicker.svelte');
    mount(QuickPicker, { target });
  } else mount(App, { target });
}

void start();
