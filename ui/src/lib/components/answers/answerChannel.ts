// Which version of a saved answer a conversation's reply uses, and so which channel lint checks it:
// a comment's public reply is read by everyone (private data is flagged), its private reply is a
// direct message like any other.

import type { AnswerChannel, ChannelKind, ConversationKind, ReplyRoute } from '$lib/ipc/bindings';

export function answerChannelFor(channel: ChannelKind, kind: ConversationKind, route: ReplyRoute): AnswerChannel {
  if (channel === 'mercado_libre') return kind === 'pre_sale_question' ? 'ml_pre_sale' : 'ml_post_sale';
  if (kind === 'comment' && route === 'thread') return 'public_comment';
  return channel;
}
