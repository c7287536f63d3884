/** web/common/orders.js: the words both staff pages use for orders. */
import { describe, expect, it } from "vitest";
import {
  addressText,
  changedByText,
  notifiedText,
  orderStatusLabel,
  paymentMethodLabel,
} from "../../../web/common/orders.js";

describe("order wording", () => {
  it("names statuses and payment methods, passing unknown ones through", () => {
    expect(orderStatusLabel("shipped")).toBe("Shipped");
    expect(orderStatusLabel("returned")).toBe("returned");
    expect(orderStatusLabel(undefined)).toBe("—");
    expect(paymentMethodLabel("cod")).toBe("Cash on delivery");
    expect(paymentMethodLabel("card")).toBe("card");
  });

  it("says whether the shopper was told, and why not", () => {
    expect(notifiedText({ notified: "sent" })).toBe("Shopper told in the chat");
    expect(notifiedText({ notified: "queued" })).toMatch(/queued/);
    expect(notifiedText({ notified: "not_sent", reason: "window_closed" })).toBe(
      "Shopper not told: the shopper's 24-hour chat window is closed",
    );
    expect(notifiedText({ notified: "not_sent", reason: "odd" })).toBe("Shopper not told: odd");
    expect(notifiedText({ notified: "not_sent" })).toBe("Shopper not told");
    expect(notifiedText({})).toBe("");
  });

  it("says who changed an order", () => {
    expect(changedByText("shopper")).toBe("by the shopper");
    expect(changedByText("bot")).toBe("by the bot");
    expect(changedByText("admin-0123456789abcdef")).toBe("by an admin (012345…)");
    expect(changedByText("")).toBe("");
  });

  it("writes an address with the shared location", () => {
    expect(addressText({ text: "1 Main St", latitude: 14.5995, longitude: 120.9842 })).toBe(
      "1 Main St (14.59950, 120.98420)",
    );
    expect(addressText(null)).toBe("");
  });
});
