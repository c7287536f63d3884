import { describe, expect, it } from "vitest";
import { recordMatches, searchForm, textMatcher } from "../../../lib/agent/search";

describe("what the inbox search matches", () => {
  it("compares case-, width- and space-insensitively", () => {
    expect(searchForm("  Maria\n SANTOS ")).toBe("maria santos");
    expect(searchForm("ＭＡＲＩＡ")).toBe("maria");
    const has = textMatcher("maria santos");
    expect(has("Order for MARIA  SANTOS, please")).toBe(true);
    expect(has("Maria Santo")).toBe(false);
    expect(textMatcher("运费")("请问运费多少？")).toBe(true);
    expect(textMatcher("شحن")("كم سعر الشحن؟")).toBe(true);
  });

  it("matches the record by id and by the name people see (checkout name first)", () => {
    const c = { conversationId: "whatsapp:6591234567", name: "Mia", profile: { name: "Maria Santos" } };
    expect(recordMatches(c, "91234")).toBe(true);
    expect(recordMatches(c, "santos")).toBe(true);
    // the platform name is not shown once the checkout gave one
    expect(recordMatches(c, "mia")).toBe(false);
    expect(recordMatches({ conversationId: "messenger:1", name: "Ken Ito" }, "ken")).toBe(true);
  });
});
