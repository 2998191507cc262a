// Reactions as Meta names them ("love", "haha") shown as the emoji people see in the apps; a
// reaction that is already an emoji (or a name not known here) shows as it came.

const EMOJI: Record<string, string> = {
  love: '❤️',
  like: '👍',
  haha: '😆',
  wow: '😮',
  sad: '😢',
  angry: '😠',
  smile: '😊',
  yay: '🥳',
};

export function reactionEmoji(name: string): string {
  return EMOJI[name.trim().toLowerCase()] ?? name;
}
