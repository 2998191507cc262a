// A fresh start for the app-wide stores between component tests.

import { i18n } from '$lib/i18n/i18n.svelte';
import { app } from '$lib/stores/app.svelte';
import { conversation } from '$lib/stores/conversation.svelte';
import { inbox } from '$lib/stores/inbox.svelte';
import { triage } from '$lib/stores/triage.svelte';
import { accounts } from '$lib/stores/accounts.svelte';
import { sending } from '$lib/stores/sending.svelte';
import { metrics } from '$lib/stores/metrics.svelte';

/** The stores are app-wide singletons: give each test a fresh start. */
export function resetStores(): void {
  app.reset();
  inbox.reset();
  conversation.close();
  triage.reset();
  accounts.reset();
  sending.reset();
  metrics.reset();
  i18n.set('es');
}
