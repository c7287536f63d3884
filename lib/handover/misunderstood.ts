/**
 * Which turns may count towards "the bot could not answer" (pure). A shopper who sends 👍, a sticker or a
 * reaction is acknowledging, not asking: before this rule two of them handed the conversation to a person
 * (issue 15). Only a message with words or digits in it can be misunderstood.
 */

/** Message kinds that carry no question (reactions, stickers, read receipts of a sort). */
const NEVER_MISUNDERSTOOD = new Set(["reaction", "sticker", "emoji", "like", "unsupported"]);

/** True when the message has a letter or a digit in any script: emoji, symbols and punctuation alone do not. */
export const hasWords = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/**
 * Photos, voice notes, videos and files: the bot cannot read them, so each counts towards the unanswered rule
 * (issue 13: a shopper who keeps sending pictures needs a person), though it has no words.
 */
const UNREADABLE_MEDIA = new Set(["image", "audio", "video", "file"]);

/** May this message count as a misunderstood turn? */
export function canBeMisunderstood(message: { text?: string; kind?: string }): boolean {
  if (message.kind && NEVER_MISUNDERSTOOD.has(message.kind)) return false;
  if (message.kind && UNREADABLE_MEDIA.has(message.kind)) return true;
  return hasWords(message.text ?? "");
}
