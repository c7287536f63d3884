/**
 * A message in its chosen form → Graph API bodies, through the channel mappers (lib/channels/*\/send.ts) for
 * free-form and tagged messages; WhatsApp templates are built here with their parameters
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates: `components` of
 * type `body` with `text` parameters, `button` / `quick_reply` with a `payload` per button index).
 */
import type { Activity } from "botframework-schema";
import { toChannelBodies } from "../channels/bodies";
import type { GraphBody } from "../channels/types";
import { whatsAppAddress } from "../channels/whatsapp/send";
import type { ChannelAccount } from "../store/shops";
import type { Form, OutboundMessage, TemplateSend } from "./types";

/** The message as an Activity for the channel mappers: choices are suggested actions (no botbuilder here). */
export const messageActivity = (m: OutboundMessage): Partial<Activity> => ({
  type: "message",
  text: m.text,
  ...(m.choices?.length && {
    suggestedActions: {
      to: [],
      actions: m.choices.map((c) => ({ type: "postBack", title: c.title, value: c.payload })),
    },
  }),
  ...(m.listButton && { channelData: { listButton: m.listButton } }),
  ...(m.imageUrl && { attachments: [{ contentType: "image/*", contentUrl: m.imageUrl }] }),
});

export function whatsAppTemplateBody(to: string, t: TemplateSend): GraphBody {
  const components: Record<string, unknown>[] = [];
  if (t.parameters.length > 0) {
    components.push({ type: "body", parameters: t.parameters.map((text) => ({ type: "text", text })) });
  }
  (t.buttonPayloads ?? []).forEach((payload, index) => {
    components.push({
      type: "button",
      sub_type: "quick_reply",
      index: String(index),
      parameters: [{ type: "payload", payload }],
    });
  });
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    // a username-only shopper is addressed by BSUID (`recipient`), everyone else by phone (`to`)
    ...whatsAppAddress(to),
    type: "template",
    template: { name: t.name, language: { code: t.language }, ...(components.length && { components }) },
  };
}

export function bodiesFor(
  account: ChannelAccount,
  to: string,
  form: Form,
  message: OutboundMessage | undefined,
): GraphBody[] {
  if (form.kind === "template") return [whatsAppTemplateBody(to, form.template)];
  const activity = messageActivity(message ?? { text: "" });
  const channel = account.channel;
  if (channel === "whatsapp") return toChannelBodies(channel, activity, to, { catalogId: account.catalogId });
  if (form.kind === "free_form") return toChannelBodies(channel, activity, to, { messagingType: "RESPONSE" });
  // The mapper knows the HUMAN_AGENT tag only; the tag is set on each body here for the others too.
  return toChannelBodies(channel, activity, to, { messagingType: "MESSAGE_TAG" }).map((b) => ({
    ...b,
    messaging_type: "MESSAGE_TAG",
    tag: form.tag,
  }));
}

/** How the transcript names the form: `free_form`, `tag:POST_PURCHASE_UPDATE`, `template:{name}`. */
export const formLabel = (form: Form): string =>
  form.kind === "tag"
    ? `tag:${form.tag}`
    : form.kind === "template"
      ? `template:${form.template.name}`
      : "free_form";
