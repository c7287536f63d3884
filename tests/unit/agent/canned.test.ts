/** Canned replies per locale: which text is used, and replies stored in older shapes read per locale. */
import { describe, expect, it } from "vitest";
import { pickCannedLocale, renderCanned } from "../../../lib/agent/canned";
import { cannedFromItem } from "../../../lib/store/canned";

describe("pickCannedLocale", () => {
  const text = { en: "Hi {name}", ar: "مرحبا {name}", id: "Halo {name}" };
  it("uses the conversation's language when the reply has it", () => {
    expect(pickCannedLocale(text, "ar", "en")).toBe("ar");
    expect(pickCannedLocale(text, "id", "en")).toBe("id");
  });
  it("falls back to English, then the shop's default, then any text", () => {
    expect(pickCannedLocale(text, "zh", "id")).toBe("en");
    expect(pickCannedLocale({ id: "Halo", ar: "مرحبا" }, "zh", "ar")).toBe("ar");
    expect(pickCannedLocale({ tl: "Salamat" }, "zh", "en")).toBe("tl");
    expect(pickCannedLocale({}, "zh", "en")).toBeUndefined();
  });
  it("fills the variables in any script", () => {
    expect(renderCanned("طلبك {orderId} في الطريق يا {name}", { name: "Ali", orderId: "CC-7K3F9Q" })).toBe(
      "طلبك CC-7K3F9Q في الطريق يا Ali",
    );
    expect(renderCanned("{name}，您的订单 {orderId} 已发货", { orderId: "CC-7K3F9Q" })).toBe(
      "，您的订单 CC-7K3F9Q 已发货",
    );
  });
});

describe("cannedFromItem (migration on read)", () => {
  const keys = { pk: "SHOP#s#CANNED", sk: "CANNED#thanks", _et: "CannedReply", _v: 1 };
  it("reads a plain text as English", () => {
    expect(cannedFromItem({ ...keys, id: "thanks", title: "Thanks", text: "Thank you, {name}!" })).toEqual({
      id: "thanks",
      title: "Thanks",
      text: { en: "Thank you, {name}!" },
    });
  });
  it("keeps the five locales, maps regional keys to their language, drops empty and unknown ones", () => {
    const r = cannedFromItem({
      ...keys,
      id: "thanks",
      title: "",
      text: { "en-US": "Thanks", zh_CN: "谢谢", ar: " ", fr: "Merci", id: "Terima kasih" },
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    expect(r).toEqual({
      id: "thanks",
      title: "thanks",
      text: { en: "Thanks", zh: "谢谢", id: "Terima kasih" },
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
  });
  it("leaves the current shape as it is", () => {
    const reply = {
      id: "x",
      title: "X",
      text: { tl: "Salamat, {name}" },
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    expect(cannedFromItem({ ...keys, ...reply })).toEqual(reply);
  });
});
