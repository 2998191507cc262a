// Manual capture: which capture dialog is open (a new conversation, or one message added to the
// open conversation). The dialogs keep their own form state.

class Capture {
  newOpen = $state(false);
  /** The conversation a message is being added to, when that dialog is open. */
  addTo = $state<number | null>(null);

  openNew(): void {
    this.newOpen = true;
  }

  openAdd(conversationId: number): void {
    this.addTo = conversationId;
  }

  close(): void {
    this.newOpen = false;
    this.addTo = null;
  }
}

export const capture = new Capture();
