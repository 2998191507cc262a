// What the Instagram and Facebook wizards share: the checks on the seller's app fields, and the
// sentences for connect errors whose usual wording names Mercado Libre (the Etsy wizard's too).

import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { IpcError } from '$lib/ipc/bindings';

/** Where the seller authorises: Instagram's page or Facebook's dialog. */
export type MetaSite = 'instagram' | 'facebook';

/** Meta takes only https redirect addresses, registered exactly as typed here. */
export function redirectOk(uri: string): boolean {
  return /^https:\/\/\S+$/.test(uri.trim());
}

/** The usual sentences of these codes speak of Mercado Libre; the Meta and Etsy wizards say them
 * their way. */
export const OWN_WORDS = [
  'connect_missing_code',
  'connect_denied',
  'connect_code_rejected',
  'connect_wrong_client',
  'connect_auth_host',
  'permission_missing',
  'token_revoked',
] as const;

/** The wizard's sentence for `error`, or `null` where the shared one already fits. */
export function metaErrorSentence(error: IpcError, site: MetaSite): string | null {
  if (!(OWN_WORDS as readonly string[]).includes(error.code)) return null;
  return t(`accounts.meta.errors.${error.code}` as MessageKey, { site: t(`accounts.meta.site.${site}`) });
}
