/** Grouping of unanswered questions: the normalised text is the group key. */
import { describe, expect, it } from "vitest";
import { groupKey } from "../../../lib/store/unanswered";

describe("groupKey", () => {
  it.each([
    ["Do you ship to Cebu?", "do you ship to cebu"],
    ["do   you ship to CEBU", "do you ship to cebu"],
    ["Do you ship to Cebu?!! 🙏🏽", "do you ship to cebu"],
    ["size 42?", "size #"],
    ["size 38", "size #"],
    ["order #12345 where", "order # where"],
    ["ＦＵＬＬ－ＷＩＤＴＨ ２０２４", "full width #"],
    ["١٢٣ كم السعر؟", "# كم السعر"],
    ["运费多少？", "运费多少"],
    ["👨‍👩‍👧 family pack", "family pack"],
    ["tab\tand\nnewline", "tab and newline"],
  ])("%j → %j", (text, key) => {
    expect(groupKey(text)).toBe(key);
  });

  it("is empty when nothing but emoji or punctuation is left", () => {
    expect(groupKey("👍")).toBe("");
    expect(groupKey("???")).toBe("");
  });

  it("cuts at 200 characters without splitting a surrogate pair", () => {
    const key = groupKey(`${"a".repeat(199)}𠀀 and more`);
    expect(Array.from(key)).toHaveLength(200);
    expect(key.endsWith("𠀀")).toBe(true);
  });
});
