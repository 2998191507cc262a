// `use:modal`: what every dialog of the app does on a native <dialog> — opens it as a modal, puts the
// focus, closes it on a backdrop click, reports the close (Esc, a button, the backdrop) and gives the
// focus back to what had it. Each dialog keeps its own element, classes and styles.

import type { ActionReturn } from 'svelte/action';

export interface ModalOptions {
  /**
   * The dialog has closed, however it happened; `returnValue` is what `dialog.close(value)` was
   * given (`''` for Esc, the backdrop and a plain `close()`).
   */
  onclose: (returnValue: string) => void;
  /**
   * A click on the backdrop closes the dialog. Left off where a stray click would lose typed work
   * or answer a question by accident (forms, confirmations, an import in progress).
   */
  closeOnBackdrop?: boolean;
  /** The element that gets the focus on opening; without it the browser focuses the first control. */
  initialFocus?: (dialog: HTMLDialogElement) => HTMLElement | null | undefined;
}

export function modal(dialog: HTMLDialogElement, options: ModalOptions): ActionReturn<ModalOptions> {
  let current = options;
  // Taken before showModal, which moves the focus into the dialog.
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  // Esc is the dialog's own: the browser cancels it, which closes it and fires `close`.
  const onClose = () => current.onclose(dialog.returnValue);
  // A press that starts on the content and ends on the backdrop (selecting text, dragging a slider
  // too far) still fires `click` on the dialog: only a press that began on the backdrop closes it.
  let pressedOnContent = false;
  const onPointerDown = (event: PointerEvent) => {
    pressedOnContent = event.target !== dialog;
  };
  const onClick = (event: MouseEvent) => {
    const fromContent = pressedOnContent;
    pressedOnContent = false;
    // A click on the dialog element itself (not its content) is a click on the backdrop.
    if (current.closeOnBackdrop && event.target === dialog && !fromContent) dialog.close();
  };

  dialog.addEventListener('close', onClose);
  dialog.addEventListener('pointerdown', onPointerDown);
  dialog.addEventListener('click', onClick);
  dialog.showModal();
  current.initialFocus?.(dialog)?.focus();

  return {
    update(next) {
      current = next;
    },
    destroy() {
      dialog.removeEventListener('close', onClose);
      dialog.removeEventListener('pointerdown', onPointerDown);
      dialog.removeEventListener('click', onClick);
      returnFocus?.focus();
    },
  };
}
