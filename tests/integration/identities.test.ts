/**
 * WhatsApp identities on DynamoDB Local: which conversation a delivery with a phone number, a business-scoped
 * user id (BSUID) or both belongs to, and the identity item a join writes with its turn.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { putWhatsAppIdentity, resolveWhatsAppConversation } from "../../lib/store/identities";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const shop = () => `shop-${randomUUID()}`;
const bsuid = () => `SG.${Math.floor(Math.random() * 1e15)}`;

describe("resolveWhatsAppConversation", () => {
  it("without a BSUID: the phone number, and nothing to write", async () => {
    expect(await resolveWhatsAppConversation(db, shop(), { phone: "6591234567" })).toEqual({
      conversationId: "whatsapp:6591234567",
      join: false,
    });
    expect(await resolveWhatsAppConversation(db, shop(), {})).toBeUndefined();
  });

  it("a BSUID seen first with the phone joins the phone's conversation, and keeps to it alone later", async () => {
    const s = shop();
    const id = bsuid();
    const first = await resolveWhatsAppConversation(db, s, { phone: "6590000001", bsuid: id });
    expect(first).toEqual({ conversationId: "whatsapp:6590000001", join: true });
    // the turn writes the identity item with its commit
    await putWhatsAppIdentity(db, s, id, first?.conversationId as string);
    expect(await resolveWhatsAppConversation(db, s, { bsuid: id })).toEqual({
      conversationId: "whatsapp:6590000001",
      join: false,
    });
    // another shop knows nothing of it
    expect(await resolveWhatsAppConversation(db, shop(), { bsuid: id })).toEqual({
      conversationId: `whatsapp:${id}`,
      join: true,
    });
  });

  it("a username-only shopper is keyed by BSUID, and stays there when the phone number shows up", async () => {
    const s = shop();
    const id = bsuid();
    const first = await resolveWhatsAppConversation(db, s, { bsuid: id });
    expect(first).toEqual({ conversationId: `whatsapp:${id}`, join: true });
    await putWhatsAppIdentity(db, s, id, first?.conversationId as string);
    expect(await resolveWhatsAppConversation(db, s, { bsuid: id, phone: "6590000002" })).toEqual({
      conversationId: `whatsapp:${id}`,
      join: false,
    });
  });
});
