/**
 * Bot Activity → WhatsApp Cloud API request bodies (`POST /{phone-number-id}/messages`).
 *
 * Limits: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages,
 * …/interactive-list-messages and https://developers.facebook.com/docs/whatsapp/cloud-api/guides/sell-products-and-services/share-products
 */
import type { Activity, CardAction } from "botframework-schema";
import {
  actionPayload,
  channelDataOf,
  imageAttachments,
  isReplyAction,
  type ProductCard,
  productCards,
  rawGraphBody,
  suggestedActions,
} from "../cards";
import { codePointLength, splitText, truncate } from "../text";
import type { GraphBody, OutboundOptions } from "../types";

/** WhatsApp Cloud API limits, in code points. */
export const WHATSAPP_LIMITS = {
  text: 4096,
  body: 1024,
  caption: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  header: 60,
  productItems: 30,
  sections: 10,
  sectionTitle: 24,
} as const;

const L = WHATSAPP_LIMITS;
type Content = Record<string, unknown>;

/** Label of the list button when the bot gives none in `channelData.listButton`. */
const DEFAULT_LIST_BUTTON = "Options";

/**
 * A WhatsApp business-scoped user id (BSUID): an ISO country code, a period, then up to 128 letters and digits
 * (`US.13491208655302741918`; a parent BSUID has `ENT.` after the country). Phone numbers are digits only.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/business-scoped-user-ids
 */
export const isBsuid = (id: string): boolean => /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(id);

/** Meta's error code for a send to a BSUID that cannot receive it. */
export const BSUID_UNREACHABLE = 131062;

/** Who a message goes to: `to` for a phone number, `recipient` for a BSUID (a username-only shopper). */
export const whatsAppAddress = (id: string): { to: string } | { recipient: string } =>
  isBsuid(id) ? { recipient: id } : { to: id };

/** Marks a received message as read (the blue ticks). */
export const whatsAppMarkRead = (messageId: string): GraphBody => ({
  messaging_product: "whatsapp",
  status: "read",
  message_id: messageId,
});

/**
 * An approved message template, without parameters: the only message WhatsApp delivers once the 24 h window
 * has closed. https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 */
export const whatsAppTemplate = (to: string, template: { name: string; language: string }): GraphBody => ({
  messaging_product: "whatsapp",
  recipient_type: "individual",
  ...whatsAppAddress(to),
  type: "template",
  template: { name: template.name, language: { code: template.language } },
});

/** First occurrence of each key (WhatsApp rejects duplicate button and row ids). */
const uniqueBy = <T>(list: T[], key: (t: T) => string): T[] => {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

const text = (body: string): [string, Content] => ["text", { body }];

const replyButtons = (actions: CardAction[]): Content[] =>
  uniqueBy(actions, (a) => truncate(actionPayload(a), L.buttonId))
    .slice(0, L.buttons)
    .map((a) => {
      const id = truncate(actionPayload(a), L.buttonId);
      return { type: "reply", reply: { id, title: truncate(a.title || id, L.buttonTitle) } };
    });

/** Choices as reply buttons (≤ 3) or a one-section list (4+, ≤ 10 rows; the rest are dropped). */
const choices = (body: string, all: CardAction[], listButton: string): [string, Content] => {
  const actions = uniqueBy(all, actionPayload);
  if (actions.length <= L.buttons) {
    const buttons = replyButtons(actions);
    return ["interactive", { type: "button", body: { text: body }, action: { buttons } }];
  }
  const rows = uniqueBy(actions, (a) => truncate(actionPayload(a), L.rowId))
    .slice(0, L.rows)
    .map((a) => {
      const id = truncate(actionPayload(a), L.rowId);
      const title = a.title || id;
      // A title cut to 24 keeps its full wording in the description.
      const description =
        typeof a.text === "string" && a.text !== ""
          ? a.text
          : codePointLength(title) > L.rowTitle
            ? title
            : undefined;
      return {
        id,
        title: truncate(title, L.rowTitle),
        ...(description !== undefined && { description: truncate(description, L.rowDescription) }),
      };
    });
  return [
    "interactive",
    {
      type: "list",
      body: { text: body },
      action: { button: truncate(listButton, L.listButton), sections: [{ rows }] },
    },
  ];
};

/** Catalog products: one → a single-product message, several → a multi-product message. */
const catalogMessage = (cards: ProductCard[], text: string, catalogId: string): [string, Content] => {
  const first = cards[0];
  if (cards.length === 1 && first?.productId) {
    return [
      "interactive",
      {
        type: "product",
        ...(text && { body: { text: truncate(text, L.body) } }),
        action: { catalog_id: catalogId, product_retailer_id: first.productId },
      },
    ];
  }
  const listed = cards.slice(0, L.productItems);
  // Header and body are required; without text the product titles stand in.
  const fallback = listed.map((c) => c.title ?? c.productId ?? "").join(", ");
  const header = truncate((text.split("\n")[0] ?? "").trim() || fallback, L.header);
  const bySection = new Map<string, string[]>();
  for (const card of listed) {
    const key = card.section ?? "";
    const ids = bySection.get(key) ?? [];
    ids.push(card.productId ?? "");
    bySection.set(key, ids);
  }
  const sections = [...bySection].slice(0, L.sections).map(([title, ids]) => ({
    title: truncate(title || header, L.sectionTitle),
    product_items: ids.map((id) => ({ product_retailer_id: id })),
  }));
  return [
    "interactive",
    {
      type: "product_list",
      header: { type: "text", text: header },
      body: { text: truncate(text || fallback, L.body) },
      action: { catalog_id: catalogId, sections },
    },
  ];
};

/** A card without a catalog: reply buttons with an image header, or an image (or text) when it has no buttons. */
const cardMessage = (card: ProductCard): [string, Content] | undefined => {
  const image = card.images?.[0]?.url;
  const body = [card.title, card.subtitle || card.text].filter((s) => s).join("\n");
  const actions = (card.buttons ?? []).filter(isReplyAction);
  if (actions.length > 0) {
    return [
      "interactive",
      {
        type: "button",
        ...(image && { header: { type: "image", image: { link: image } } }),
        body: { text: truncate(body || "-", L.body) },
        action: { buttons: replyButtons(actions) },
      },
    ];
  }
  if (image) return ["image", { link: image, ...(body && { caption: truncate(body, L.caption) }) }];
  return body ? text(truncate(body, L.text)) : undefined;
};

/**
 * The Cloud API bodies for one bot activity, in the order to send them.
 *
 * - Text alone: text messages split at 4096 code points.
 * - Text with suggested actions: reply buttons (≤ 3) or a list (4+), the text as their body (≤ 1024; longer
 *   text goes first as plain messages).
 * - Product cards: with `opts.catalogId` and a `productId` on every card, a product / product_list message that
 *   carries the text; otherwise the text first, then one message per card.
 * - Images: one image message each, after the text.
 * - When the text went with cards or images, the choices come last with their titles as body.
 * - `channelData.graphBody` is sent as is, instead of everything else. Non-message activities give `[]`.
 */
export const toWhatsAppBodies = (
  activity: Partial<Activity>,
  to: string,
  opts: OutboundOptions,
): GraphBody[] => {
  if ((activity.type ?? "message") !== "message") return [];
  const envelope = ([type, content]: [string, Content]): GraphBody => ({
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...whatsAppAddress(to),
    type,
    [type]: content,
  });

  const raw = rawGraphBody(activity);
  if (raw)
    return [{ messaging_product: "whatsapp", recipient_type: "individual", ...raw, ...whatsAppAddress(to) }];

  const messages: Array<[string, Content]> = [];
  let pending = (activity.text ?? "").trim();
  const cards = productCards(activity);
  const images = imageAttachments(activity);
  // Messenger's phone / email quick replies have no WhatsApp counterpart (the shopper types the number)
  const actions = suggestedActions(activity).filter(
    (a) => (a.channelData as { quickReply?: unknown } | undefined)?.quickReply === undefined,
  );
  const catalogId =
    opts.catalogId && cards.length > 0 && cards.every((c) => c.productId) ? opts.catalogId : undefined;

  if (catalogId) {
    messages.push(catalogMessage(cards, pending, catalogId));
    pending = "";
  } else if (cards.length > 0 || images.length > 0) {
    for (const chunk of splitText(pending, L.text)) messages.push(text(chunk));
    pending = "";
  }
  for (const image of images) messages.push(["image", { link: image.contentUrl }]);
  if (!catalogId) {
    for (const card of cards) {
      const message = cardMessage(card);
      if (message) messages.push(message);
    }
  }

  if (actions.length > 0) {
    // The interactive body holds 1024 code points; what does not fit goes first as plain text.
    const parts = splitText(pending, L.text);
    const tail = splitText(parts.pop() ?? "", L.body);
    // Without text of its own (it went with the cards), the body lists the choices: it may not be empty.
    const body = tail.pop() ?? (truncate(actions.map((a) => a.title).join(" · "), L.body) || "-");
    for (const chunk of [...parts, ...tail]) messages.push(text(chunk));
    const listButton = channelDataOf(activity).listButton;
    messages.push(
      choices(body, actions, typeof listButton === "string" && listButton ? listButton : DEFAULT_LIST_BUTTON),
    );
  } else {
    for (const chunk of splitText(pending, L.text)) messages.push(text(chunk));
  }
  return messages.map(envelope);
};
