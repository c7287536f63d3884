/** The form Meta allows per purpose and window (lib/outbound/policy.ts), and which template serves a shopper. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";
import { windowOf } from "../../../lib/handover/window";
import { LOCALES } from "../../../lib/i18n";
import { bodiesFor } from "../../../lib/outbound/bodies";
import { allowedForm, categoryOf } from "../../../lib/outbound/policy";
import { deliveryStatusOf } from "../../../lib/outbound/status";
import { resolveTemplate } from "../../../lib/outbound/templates";
import { type Purpose, TEMPLATE_PURPOSES } from "../../../lib/outbound/types";
import { templateSubmission } from "../../../lib/outbound/wording";
import type { ShopTemplates } from "../../../lib/store/templates";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const HOUR = 3_600_000;
const ago = (h: number) => new Date(NOW - h * HOUR).toISOString();

describe("allowedForm", () => {
  it.each<[string, "messenger" | "whatsapp", number, Purpose, string]>([
    ["WhatsApp in the window", "whatsapp", 2, "order_shipped", "free_form"],
    ["WhatsApp after it: order update", "whatsapp", 25, "order_shipped", "template"],
    ["WhatsApp after it: rating", "whatsapp", 25, "rating_request", "template"],
    ["WhatsApp after it: agent free text", "whatsapp", 25, "agent_reply", "not_allowed"],
    ["WhatsApp after it: reminder", "whatsapp", 25, "cart_reminder", "not_allowed"],
    ["Messenger in the window", "messenger", 2, "rating_request", "free_form"],
    ["Messenger after it: order update", "messenger", 25, "order_delivered", "tag:POST_PURCHASE_UPDATE"],
    [
      "Messenger after a week: order update",
      "messenger",
      24 * 9,
      "order_cancelled",
      "tag:POST_PURCHASE_UPDATE",
    ],
    ["Messenger after it: agent", "messenger", 30, "agent_reply", "tag:HUMAN_AGENT"],
    ["Messenger after 7 days: agent", "messenger", 24 * 8, "agent_reply", "not_allowed"],
    ["Messenger after it: rating", "messenger", 25, "rating_request", "not_allowed"],
    ["Messenger after it: reminder", "messenger", 25, "cart_reminder", "not_allowed"],
  ])("%s", (_, channel, hours, purpose, expected) => {
    const a = allowedForm(windowOf(channel, ago(hours), NOW), purpose);
    expect(a.kind === "tag" ? `tag:${a.tag}` : a.kind).toBe(expected);
  });

  it("names the cost of each form", () => {
    expect(categoryOf({ kind: "free_form" })).toBe("free_form");
    expect(categoryOf({ kind: "tag" })).toBe("tagged");
    expect(categoryOf({ kind: "template", template: { category: "UTILITY" } })).toBe("utility_template");
    expect(categoryOf({ kind: "template", template: { category: "MARKETING" } })).toBe("marketing_template");
  });
});

describe("resolveTemplate", () => {
  const synced = (statuses: Record<string, string>): ShopTemplates => ({
    purposes: {},
    synced: Object.entries(statuses).map(([k, status]) => {
      const [name = "", language = ""] = k.split("/");
      return { name, language, status, category: "UTILITY" };
    }),
  });

  it("uses the shopper's locale, then the shop's default, only approved ones once synced", () => {
    const shop = synced({ "chatcart_order_shipped/id": "PENDING", "chatcart_order_shipped/en": "APPROVED" });
    const t = resolveTemplate(shop, "order_shipped", "id", "en", { orderId: "CC-AAAAAA" }, true);
    expect(t).toMatchObject({
      name: "chatcart_order_shipped",
      language: "en",
      parameters: ["CC-AAAAAA", "—"],
    });
    expect(resolveTemplate(synced({}), "order_shipped", "id", "en", {}, true)).toBeUndefined();
  });

  it("prefers the merchant's mapping, with the order fields it names", () => {
    const shop: ShopTemplates = {
      purposes: { order_shipped: { zh: { name: "shop_shipped", language: "zh_CN", params: ["tracking"] } } },
      synced: [{ name: "shop_shipped", language: "zh_CN", status: "APPROVED", category: "UTILITY" }],
    };
    const t = resolveTemplate(
      shop,
      "order_shipped",
      "zh",
      "en",
      { tracking: "1Z9 https://t.example/1Z9" },
      true,
    );
    expect(t).toMatchObject({ name: "shop_shipped", parameters: ["1Z9 https://t.example/1Z9"] });
  });
});

describe("Chatcart's templates", () => {
  it.each(TEMPLATE_PURPOSES)(
    "%s: a body in every locale, never starting or ending with a variable",
    (purpose) => {
      for (const locale of LOCALES) {
        const s = templateSubmission(purpose, locale);
        const body = s.components[0] as { text: string; example: { body_text: string[][] } };
        expect(body.text).not.toMatch(/^\{\{|\}\}$/);
        expect(body.example.body_text[0]).toHaveLength(new Set(body.text.match(/\{\{\d+\}\}/g)).size);
      }
    },
  );

  it("a Messenger order update goes with POST_PURCHASE_UPDATE", () => {
    const account = { channel: "messenger", accountId: "1", shopId: "s", accessToken: "t" } as const;
    const [body] = bodiesFor(
      account,
      "42",
      { kind: "tag", tag: "POST_PURCHASE_UPDATE" },
      { text: "Shipped" },
    );
    expect(body).toMatchObject({
      messaging_type: "MESSAGE_TAG",
      tag: "POST_PURCHASE_UPDATE",
      recipient: { id: "42" },
    });
  });
});

const first = (d: ReturnType<typeof parseWhatsAppDelivery>) => {
  const [item] = d.items;
  if (!item) throw new Error(`not parsed: ${JSON.stringify(d.ignored)}`);
  return item;
};

describe("status webhooks (tests/fixtures: pywa, Meta's reference)", () => {
  const fixture = (channel: string, file: string) =>
    JSON.parse(readFileSync(join(__dirname, "../../fixtures", channel, file), "utf8"));

  it("a WhatsApp failed status carries its message id and Meta's error", () => {
    const item = first(parseWhatsAppDelivery(fixture("whatsapp", "split_status_failed.json")));
    expect(deliveryStatusOf("whatsapp", item.activity)).toEqual({
      messageIds: ["wamid.xyzxyz"],
      status: "failed",
      error: { code: 130472, title: "User's number is part of an experiment" },
    });
  });

  it.each(["delivered", "read", "sent"])("a WhatsApp %s status", (status) => {
    const item = first(parseWhatsAppDelivery(fixture("whatsapp", `split_status_${status}.json`)));
    expect(deliveryStatusOf("whatsapp", item.activity)).toMatchObject({ status });
  });

  it("a Messenger delivery names the delivered mids", () => {
    const item = first(parseMessengerDelivery(fixture("messenger", "delivery.json")));
    const s = deliveryStatusOf("messenger", item.activity);
    expect(s?.status).toBe("delivered");
    expect(s?.messageIds.length).toBeGreaterThan(0);
  });
});
