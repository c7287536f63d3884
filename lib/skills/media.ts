/**
 * A photo, voice note, video, document or sticker without a caption: the bot cannot look at it, so it says so in
 * the shopper's language and offers the two ways forward (describe it in words, or a person). It counts as an
 * unanswered turn for the handover rule (lib/handover/rules.ts: after N in a row a person takes over), but it
 * is not a question the merchant could answer, so nothing goes to the unanswered list. Pure.
 */

import { t } from "../i18n";
import { formatPayload } from "../turn/payloads";
import type { SkillContext, SkillResult } from "../turn/skill";

const MEDIA_KINDS = new Set(["image", "audio", "video", "file", "sticker"]);

export const isMediaKind = (kind: string | undefined): boolean => kind !== undefined && MEDIA_KINDS.has(kind);

export function mediaAnswer(kind: string, c: SkillContext): SkillResult {
  const say = (key: Parameters<typeof t>[1]) => t(c.locale, key, {}, c.shop.settings.defaultLocale);
  const key =
    kind === "audio" ? "media.voice" : kind === "image" || kind === "sticker" ? "media.photo" : "media.other";
  return {
    reply: {
      text: say(key),
      choices: [{ title: say("choice.human"), payload: formatPayload({ kind: "human" }) }],
      unanswered: true,
    },
  };
}
