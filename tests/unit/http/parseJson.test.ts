import { describe, expect, it } from "vitest";
import { parseJson } from "../../../lib/http/body";

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)?.toString(16));

describe("parseJson", () => {
  it("turns lone surrogates in strings and keys into U+FFFD and keeps pairs", () => {
    const parsed = parseJson(
      String.raw`{"a":"x\ud800y","b":"\ud83d\ude00","c":["\udc00","\ud800\ud800\udc00"],"k\ud800":{"\udc00":1}}`,
    ) as Record<string, unknown>;
    expect(codePoints(parsed.a as string)).toEqual(["78", "fffd", "79"]);
    expect(parsed.b).toBe("😀");
    expect((parsed.c as string[]).map(codePoints)).toEqual([["fffd"], ["fffd", "10000"]]);
    expect(parsed["k\ufffd"]).toEqual({ "\ufffd": 1 });
  });

  it("parses text without surrogate escapes as JSON.parse does, prototype keys included", () => {
    const text = '{"__proto__":{"polluted":true},"n":[1,2.5,null],"s":"مرحبا 😀"}';
    const parsed = parseJson(text) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("throws on invalid JSON", () => {
    expect(() => parseJson("{")).toThrow(SyntaxError);
  });
});
