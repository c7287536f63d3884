import { describe, expect, it } from "vitest";
import { formatPayload, type Payload, parsePayload } from "../../../lib/turn/payloads";

describe("button payloads", () => {
  const every: Payload[] = [
    { kind: "add", productId: "TEE-RED-M" },
    { kind: "add", productId: "TEE-RED-M", quantity: 3 },
    { kind: "pick", group: "TEE", quantity: 2, color: "red" },
    { kind: "pick", group: "TEE", quantity: 1, color: "red", size: "M" },
    { kind: "pick", group: "TEE", quantity: 1 },
    { kind: "cart" },
    { kind: "editCart" },
    { kind: "increment", productId: "MUG" },
    { kind: "decrement", productId: "MUG" },
    { kind: "removeLine", productId: "MUG" },
    { kind: "clearCart" },
    { kind: "checkout" },
    { kind: "lastAddress" },
    { kind: "newAddress" },
    { kind: "pay", method: "cod" },
    { kind: "confirm", rev: 1764758400123 },
    { kind: "stopCheckout" },
    { kind: "orders" },
    { kind: "cancel", orderId: "CC-7K3F9Q" },
    { kind: "cancelYes", orderId: "CC-7K3F9Q" },
    { kind: "cancelNo", orderId: "CC-7K3F9Q" },
    { kind: "browse" },
    { kind: "category", category: "home:kitchen" },
    { kind: "product", productId: "A.B_C-1" },
    { kind: "more", productId: "MUG" },
    { kind: "human" },
    { kind: "phone" },
    { kind: "getStarted" },
    { kind: "rate", orderId: "CC-2345ZZ", productId: "A.B_C-1", stars: 5 },
    { kind: "reviewSkip", orderId: "CC-2345ZZ", productId: "P" },
  ];

  it.each(every)("parses what it formats: %j", (p) => {
    expect(parsePayload(formatPayload(p))).toEqual(p);
  });

  it.each([
    ["ADD:MUG", { kind: "add", productId: "MUG" }],
    ["ADD:MUG:2", { kind: "add", productId: "MUG", quantity: 2 }],
    ["PICK:TEE:2:red:", { kind: "pick", group: "TEE", quantity: 2, color: "red" }],
    ["ADDR:LAST", { kind: "lastAddress" }],
    ["CONFIRM:42", { kind: "confirm", rev: 42 }],
    ["CAT:tops", { kind: "category", category: "tops" }],
    ["GET_STARTED", { kind: "getStarted" }],
    ["RATE:CC-7K3F9Q:TEE-RED-M:4", { kind: "rate", orderId: "CC-7K3F9Q", productId: "TEE-RED-M", stars: 4 }],
    ["REVIEWSKIP:CC-7K3F9Q:MUG", { kind: "reviewSkip", orderId: "CC-7K3F9Q", productId: "MUG" }],
  ])("reads %s (the wire form stays what shoppers' old buttons carry)", (raw, expected) => {
    expect(parsePayload(raw)).toEqual(expected);
  });

  it.each([
    "RATE:CC-7K3F9Q:MUG:0",
    "RATE:CC-7K3F9Q:MUG:6",
    "RATE:CC-7K3F9Q:MUG:4.5",
    "RATE:CC-7K3F9Q:MUG",
    "RATE:CC-7K3F9Q",
    "REVIEWSKIP:CC-7K3F9Q:MUG:3",
    "RATE::MUG:3",
    "CONFIRM:abc",
    "CONFIRM:",
    "CONFIRM:-1",
    "ADD:",
    "ADD:A:B:C",
    "CANCEL",
    "PAY",
    "CAT:",
    "callback_data",
    "hello",
    "",
    `ADD:${"x".repeat(1000)}`,
  ])("refuses %s", (raw) => {
    expect(parsePayload(raw)).toBeUndefined();
  });
});
