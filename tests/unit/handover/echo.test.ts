import { describe, expect, it } from "vitest";
import { classifyEcho, ECHO_METADATA, PAGE_INBOX_APP_ID } from "../../../lib/handover/echo";

const sent =
  (...ids: string[]) =>
  async () =>
    new Set(ids);
const never = async (): Promise<Set<string>> => {
  throw new Error("the transcript should not be read");
};

describe("classifyEcho", () => {
  it("with META_APP_ID: decides by app id alone", async () => {
    const opts = { metaAppId: "111", sentIds: never };
    expect(await classifyEcho({ appId: "111", mid: "m1" }, opts)).toBe("ours");
    expect(await classifyEcho({ appId: PAGE_INBOX_APP_ID, metadata: ECHO_METADATA }, opts)).toBe("person");
    expect(await classifyEcho({ appId: "222" }, opts)).toBe("person");
  });

  it("without META_APP_ID: our metadata marker is ours, without reading the transcript", async () => {
    expect(await classifyEcho({ appId: "111", metadata: ECHO_METADATA }, { sentIds: never })).toBe("ours");
  });

  it("without META_APP_ID: a tagged message of ours (chatcart:{send id}) is ours; a look-alike is not", async () => {
    const tagged = { appId: "111", metadata: "chatcart:messenger#m_in#000" };
    expect(await classifyEcho(tagged, { sentIds: never })).toBe("ours");
    expect(await classifyEcho({ appId: "111", metadata: "chatcartx" }, { sentIds: sent() })).toBe("person");
  });

  it("without META_APP_ID: a message id we sent (transcript externalId) is ours", async () => {
    expect(await classifyEcho({ appId: "111", mid: "m_ours" }, { sentIds: sent("m_ours") })).toBe("ours");
    expect(await classifyEcho({ appId: "111", mid: "m_other" }, { sentIds: sent("m_ours") })).toBe("person");
  });

  it("the Page Inbox's app id is always a person", async () => {
    expect(await classifyEcho({ appId: PAGE_INBOX_APP_ID, mid: "m1" }, { sentIds: never })).toBe("person");
  });

  it("an echo without app id or mid is a person", async () => {
    expect(await classifyEcho({}, { sentIds: sent() })).toBe("person");
  });
});
