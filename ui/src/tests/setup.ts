// jsdom lacks a few browser features the UI uses; give it small stand-ins.

import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach } from 'vitest';

if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  // As in browsers: `returnValue` starts empty and `close(value)` sets it before `close` fires.
  Object.defineProperty(HTMLDialogElement.prototype, 'returnValue', {
    configurable: true,
    get(this: HTMLDialogElement & { _returnValue?: string }) {
      return this._returnValue ?? '';
    },
    set(this: HTMLDialogElement & { _returnValue?: string }, value: string) {
      this._returnValue = value;
    },
  });
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.hasAttribute('open')) return;
    if (returnValue !== undefined) this.returnValue = returnValue;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

afterEach(() => {
  clearMocks();
});
