/**
 * The router: one shopper message in, the skill that answers it, and the turn's bookkeeping in one place.
 *
 * Dispatch, in order:
 * 1. what the message is: an unsupported kind gets a short line; a WhatsApp cart becomes the chat cart; a
 *    location answers an open checkout question;
 * 2. a button payload, to the skill that owns its kind (lib/turn/payloads.ts);
 * 3. what the previous turn awaited (a checkout step, "cancel this order?", a review comment), to the skill
 *    that asked, which may decline when the shopper clearly asked something else;
 * 4. the NLU's intent, to the skill that owns it (when the NLU is confident enough);
 * 5. "stop" (no more messages the shopper did not ask for), then the answers skill for everything else.
 *
 * Bookkeeping: the open question for the next turn, the products shown ("add it"), the funnel's product
 * views, the shopper's locale, the unanswered question for the merchant, and the handover decision
 * (lib/handover/rules.ts). Pure apart from the ports the skills call: no botbuilder, no DynamoDB.
 */
import type { OrderItem } from "../channels/types";
import { categoryChoices, MIN_CONFIDENCE, mainChoices, type Reply, unknown } from "../content/replies";
import { canBeMisunderstood } from "../handover/misunderstood";
import { decideHandover, type HandoverReason } from "../handover/rules";
import { type Locale, t } from "../i18n";
import { type Understanding, understand } from "../nlu";
import { answer, answersSkill } from "../skills/answers";
import { cartSkill, fromWhatsAppOrder } from "../skills/cart";
import { checkoutSkill, isPhone } from "../skills/checkout";
import { isMediaKind, mediaAnswer } from "../skills/media";
import { ordersSkill } from "../skills/orders";
import { reviewsSkill } from "../skills/reviews";
import { commandPayload } from "../welcome/commands";
import { parsePayload } from "./payloads";
import { type Awaiting, replyContext, type Skill, type SkillContext, type SkillResult } from "./skill";
import { withSubject } from "./subject";

/** The skills, in the order the router asks them about an intent. */
export const SKILLS: readonly Skill[] = [cartSkill, checkoutSkill, ordersSkill, reviewsSkill, answersSkill];

/** What the bot remembers between turns (botbuilder ConversationState). */
export interface DialogData {
  greeted?: boolean;
  /** turns in a row the bot could not answer; reset by an answered turn and by a handover */
  unansweredStreak?: number;
  /** the question the shopper is answering (a checkout step, "cancel this order?") */
  awaiting?: Awaiting;
  /** products the last reply showed: "add it", "add 2 of these" */
  lastShown?: string[];
  /** the cart went to a person for its value: not again until the cart is emptied */
  cartHandedOver?: boolean;
  /** the product under discussion (lib/turn/subject.ts): follow-ups without a product are about it */
  subject?: string;
}

/** The shopper's message, as far as routing cares. */
export interface TurnMessage {
  text: string;
  /** a button's payload, as sent */
  payload?: string;
  kind?: string;
  order?: OrderItem[];
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  /** a reaction to one of our messages ("" when removed) */
  reaction?: { emoji: string };
  /** WhatsApp: the shopper's new number (a `system` user_changed_number message) */
  newUserId?: string;
  /** a catalogue item the message is about ("Message business" on a product, an ad's product) */
  referredProduct?: string;
  /** what an unsupported message was (`contacts`, `document` …) */
  unsupported?: string;
}

export interface Routed {
  /** undefined: the bot greets (a first message, Get Started) */
  reply?: Reply;
  locale: Locale;
  /** the conversation goes to a person */
  handover?: HandoverReason;
  /** the shopper tapped Get Started: the full welcome, whatever came before */
  greet?: boolean;
  /** nothing to send (a reaction, a system message): the turn is recorded only */
  silent?: boolean;
}

/** Reactions that say the shopper likes what they reacted to. */
const LIKES = /^(?:👍|❤️|❤|😍|🔥|👏|🥰|😻|💯|like|love)/u;

/**
 * A search that found nothing: a product or category asked for with words nobody knows ("do you have
 * harpsichords") is said plainly and recorded as demand ("asked for: harpsichords", grouped with counts in
 * the unanswered list); a longer question the bot cannot place ("do you repair vintage harpsichords?") is
 * the honest "I can't answer that", recorded as it was asked.
 */
function searchedFor(meaning: Understanding, text: string, c: SkillContext): SkillResult | undefined {
  const searching = ["browse_category", "product_question", "recommendation"].includes(meaning.intent);
  if (!searching || meaning.product || meaning.category || meaning.confidence < MIN_CONFIDENCE)
    return undefined;
  const words = meaning.unknownWords ?? [];
  const ctx = replyContext(c);
  const say = (key: Parameters<typeof t>[1], params: Record<string, string> = {}) =>
    t(c.locale, key, params, c.shop.settings.defaultLocale);
  if (words.length >= 1 && words.length <= 2) {
    const query = words.join(" ");
    c.turn.unanswered = { text: `asked for: ${query}`, locale: c.locale };
    return { reply: { text: say("search.none", { query }), choices: categoryChoices(ctx) } };
  }
  if (words.length > 2) {
    const reply = unknown(ctx);
    c.turn.unanswered = { text, locale: c.locale };
    return { reply };
  }
  return undefined;
}

const owner = (awaiting: Awaiting) => SKILLS.find((s) => s.awaits?.includes(awaiting.kind));

/**
 * Runs the turn for `message` with the skill context `c` (its `locale` is the conversation's; the NLU may
 * change it) and the dialog state `dialog` (changed in place).
 */
export async function route(
  message: TurnMessage,
  c: SkillContext,
  dialog: DialogData,
  opts: { first: boolean; previousLocale?: Locale },
): Promise<Routed> {
  const { turn, shop } = c;
  const { settings } = shop;
  const say = (key: Parameters<typeof t>[1]) => t(c.locale, key, {}, settings.defaultLocale);
  const awaiting = dialog.awaiting;
  dialog.awaiting = undefined;
  // a WhatsApp command (`/cart`, lib/welcome/commands.ts) is the button it stands for
  const command = message.payload ? undefined : commandPayload(message.text);
  const payload = message.payload
    ? parsePayload(message.payload)
    : command
      ? parsePayload(command)
      : undefined;
  let result: SkillResult | undefined;
  let greet = false;
  let getStarted = false;

  if (message.referredProduct && shop.catalogue.byId.has(message.referredProduct))
    dialog.subject = message.referredProduct;
  if (message.kind === "reaction") {
    // recorded (the transcript keeps it), never answered; a like on a card is interest in that product
    dialog.awaiting = awaiting;
    const liked = dialog.lastShown?.[0];
    if (message.reaction && LIKES.test(message.reaction.emoji) && liked) {
      dialog.subject = liked;
      turn.count("productViews");
    }
    return { locale: c.locale, silent: true };
  }
  if (message.kind === "system") {
    // the shopper changed number: the phone for the courier follows (the conversation keeps its id)
    if (message.newUserId)
      turn.set({ profile: { ...turn.conversation.profile, phone: `+${message.newUserId}` } });
    dialog.awaiting = awaiting;
    return { locale: c.locale, silent: true };
  }
  if (message.kind === "unsupported") {
    const key =
      message.unsupported === "contacts"
        ? "unsupported.contact"
        : message.unsupported === "document"
          ? "unsupported.document"
          : "unsupported";
    result = { reply: { text: say(key), choices: mainChoices(replyContext(c)) } };
  } else if (message.kind === "location" && awaiting?.kind !== "checkout") {
    result = { reply: { text: say("location.notNow"), choices: mainChoices(replyContext(c)) } };
  } else if (isMediaKind(message.kind) && !message.text) {
    // a photo or voice note without words: what the bot can do instead (counts towards the unanswered rule)
    result = mediaAnswer(message.kind as string, c);
  } else if (message.kind === "order" && message.order) {
    result = fromWhatsAppOrder(message.order, c);
  } else if (message.kind === "location" && message.location && awaiting?.kind === "checkout") {
    result = await checkoutSkill.onAnswer?.({ location: message.location }, awaiting, c);
  } else if (payload?.kind === "getStarted") {
    greet = true;
    getStarted = true;
  } else if (payload) {
    result = await SKILLS.find((s) => s.payloads?.includes(payload.kind))?.onPayload?.(payload, c);
  } else if (
    message.payload &&
    awaiting?.kind === "checkout" &&
    awaiting.step === "phone" &&
    isPhone(message.payload)
  ) {
    // Messenger's phone-number quick reply carries the number as its payload
    result = await checkoutSkill.onAnswer?.({ text: message.payload }, awaiting, c);
  }

  if (!result && !greet && message.text) {
    const { text } = message;
    let meaning = understand(text, {
      index: shop.index,
      locale: opts.previousLocale,
      allowed: settings.locales,
      fallback: settings.defaultLocale,
    });
    c.locale = meaning.locale;
    // a follow-up about the product under discussion: "do you have it in M? white", "is it cotton?"
    const subject = message.referredProduct ?? dialog.subject;
    meaning = withSubject(meaning, subject, shop) ?? meaning;
    if (awaiting) result = await owner(awaiting)?.onAnswer?.({ text, meaning }, awaiting, c);
    if (!result && meaning.confidence >= MIN_CONFIDENCE) {
      const skill = SKILLS.find((s) => s !== answersSkill && s.intents?.includes(meaning.intent));
      result = await skill?.onIntent?.(meaning, c);
    }
    if (!result && meaning.intent === "stop") {
      // no reminders or other messages the shopper did not ask for, from now on (lib/reminders reads it)
      turn.set({ optedOut: true });
      result = { reply: { text: t(c.locale, "stop.done", {}, settings.defaultLocale) } };
    }
    if (!result) result = searchedFor(meaning, text, c);
    if (!result) {
      const answered = await answer(meaning, text, c);
      // A first "hi" gets the full welcome; a first question the bot cannot answer is said honestly and
      // recorded like any other.
      if (opts.first && meaning.intent === "greeting") greet = true;
      else {
        result = answered;
        if (answered.reply.unanswered) turn.unanswered = { text, locale: c.locale };
      }
    }
  }

  const reply = result?.reply;
  dialog.awaiting = result?.awaiting;
  // a question asked in the middle of a checkout does not end it: the next typed answer still goes to it
  if (!dialog.awaiting && awaiting?.kind === "checkout" && c.turn.cart.view().checkout)
    dialog.awaiting = awaiting;
  if (result?.viewed) turn.count("productViews");
  const shown = result?.shown ?? reply?.cards?.map((card) => card.productId).filter(Boolean);
  if (shown && shown.length > 0) dialog.lastShown = shown.slice(0, 10);
  // one item shown (all its variants count as one): it is the subject of the next turns
  if (shown && shown.length > 0) {
    const groups = new Set(shown.map((id) => shop.catalogue.byId.get(id)?.groupId ?? id));
    if (groups.size === 1) dialog.subject = shown[0];
  }
  if (c.locale !== opts.previousLocale) turn.set({ locale: c.locale });
  const cartTotal = result?.cartTotal;
  if (cartTotal === 0) dialog.cartHandedOver = false;
  const decision = decideHandover(
    {
      requested: reply?.handover,
      unanswered: reply?.unanswered === true,
      // emoji, stickers and reactions never count as misunderstood (lib/handover/misunderstood.ts)
      neutral: reply?.unanswered === true && !canBeMisunderstood(message),
      ...(cartTotal !== undefined && !dialog.cartHandedOver ? { cartTotal } : {}),
    },
    dialog.unansweredStreak ?? 0,
    settings.handover,
  );
  dialog.unansweredStreak = decision.unansweredStreak;
  return {
    ...(reply ? { reply } : {}),
    locale: c.locale,
    ...(decision.reason ? { handover: decision.reason } : {}),
    ...(getStarted ? { greet: true } : {}),
  };
}
