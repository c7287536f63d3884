/** The RFC 4180 parser: quoting, line ends, physical line numbers. */
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../lib/catalog/csv";

const rows = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it.each([
    [
      "plain fields",
      "a,b,c\n1,2,3\n",
      [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    ],
    [
      "no newline at the end",
      "a,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CRLF line ends",
      "a,b\r\n1,2\r\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "a lone CR",
      "a,b\r1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    ["an embedded comma", 'a,"x, y",c', [["a", "x, y", "c"]]],
    ["escaped quotes", '"say ""hi""",b', [['say "hi"', "b"]]],
    ["only an escaped quote", '""""', [['"']]],
    ["a newline inside quotes", 'a,"line 1\nline 2",c\n', [["a", "line 1\nline 2", "c"]]],
    ["a CRLF inside quotes", '"x\r\ny"\r\n', [["x\r\ny"]]],
    [
      "a UTF-8 BOM",
      "\uFEFFid,title\n1,t",
      [
        ["id", "title"],
        ["1", "t"],
      ],
    ],
    ["empty fields", ",,\n", [["", "", ""]]],
    ["a trailing comma", "a,\n", [["a", ""]]],
    ["a trailing comma at the end of input", "a,", [["a", ""]]],
    ["empty quoted fields", 'a,"",b', [["a", "", "b"]]],
    ["blank lines skipped", "a\n\n\nb\n", [["a"], ["b"]]],
    ["a quote inside an unquoted field (kept)", 'ab"c,d', [['ab"c', "d"]]],
    ["text after a closing quote (appended)", '"ab"c,d', [["abc", "d"]]],
    ["unicode", "تيشيرت,经典T恤,👕", [["تيشيرت", "经典T恤", "👕"]]],
    ["spaces kept", " a , b ", [[" a ", " b "]]],
  ])("%s", (_label, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it("numbers records by the physical line they start on (header = 1)", () => {
    const text = 'id,description\r\nA,"two\nlines"\r\n\r\nB,"three\r\nlines\r\nhere"\nC,x\n';
    expect(parseCsv(text).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "id"],
      [2, "A"],
      [5, "B"],
      [8, "C"],
    ]);
  });

  it("reports a quoted field that never closes, on its starting line", () => {
    const records = parseCsv('id,title\nA,ok\nB,"open\nC,never closed\n');
    expect(records).toHaveLength(3);
    expect(records[1]).toEqual({ line: 2, fields: ["A", "ok"] });
    expect(records[2]?.line).toBe(3);
    expect(records[2]?.error).toMatch(/line 3 is never closed/);
  });

  it("returns nothing for empty input or a lone BOM", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });

  it("parses 10,000 lines quickly", () => {
    const line = 'SKU-1,"A ""quoted"", title",in stock,12.50 USD\n';
    const started = performance.now();
    expect(parseCsv(line.repeat(10_000))).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
