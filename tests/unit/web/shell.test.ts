/**
 * The one document shell every page is served in (web/common/shell.html, deploy/pagesManifest.ts `inShell`):
 * a page's own head lines go in its head, its body markup in the body, and its style sheets and module are the
 * page's; every style sheet a page's index.css imports is served.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inShell } from "../../../deploy/pagesManifest";
import { PAGES } from "../../../functions/pagesManifest";

const SHELL = readFileSync(join("web", "common", "shell.html"), "utf8");

describe("the page shell", () => {
  it("refuses a <meta> wrapped over lines (it would land in the body, where a CSP is ignored)", () => {
    expect(() =>
      inShell(
        SHELL,
        "chat",
        '<meta\n  http-equiv="Content-Security-Policy"\n  content="x" />\n<main></main>\n',
      ),
    ).toThrow(/must lead/);
  });

  it("serves /chat with its Content-Security-Policy inside <head>", () => {
    const html = PAGES["/chat"]?.[1] ?? "";
    const head = html.slice(html.indexOf("<head>"), html.indexOf("</head>"));
    expect(head).toMatch(/<meta http-equiv="Content-Security-Policy"/);
  });

  it("puts a page's title and meta lines in the head and the rest in the body", () => {
    const html = inShell(
      SHELL,
      "shop",
      '<meta name="x" content="y" />\n<title>Shop</title>\n<main id="view">\n  <p>Hi</p>\n</main>\n',
    );
    const head = html.slice(html.indexOf("<head>"), html.indexOf("</head>"));
    const body = html.slice(html.indexOf("<body>"), html.indexOf("</body>"));
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(head).toContain('    <meta name="x" content="y" />\n    <title>Shop</title>\n');
    expect(head).toContain('<link rel="stylesheet" href="/assets/shop/index.css" />');
    expect(head).toContain('<script type="module" src="/assets/shop/main.js"></script>');
    expect(head).not.toContain("<!-- head -->");
    expect(body).toContain('    <main id="view">\n      <p>Hi</p>\n    </main>');
    expect(body).not.toContain("<title>");
    expect(html).not.toContain("PAGE");
  });

  it("keeps a `$` in a page's markup as written (no replacement patterns)", () => {
    expect(inShell(SHELL, "p", "<title>$&</title>\n<p>$1 $$</p>\n")).toContain("<title>$&</title>");
    expect(inShell(SHELL, "p", "<title>t</title>\n<p>$1 $$</p>\n")).toContain("<p>$1 $$</p>");
  });

  it("serves every page in the shell, with one title, and every style sheet its index.css imports", () => {
    expect(Object.keys(PAGES)).not.toContain("/assets/common/shell.html");
    for (const page of ["admin", "inbox", "chat"]) {
      const html = PAGES[`/${page}`]?.[1] ?? "";
      expect(html.match(/<title>/g)).toHaveLength(1);
      expect(html.match(/<head>/g)).toHaveLength(1);
      const css = PAGES[`/assets/${page}/index.css`]?.[1] ?? "";
      const imports = [...css.matchAll(/@import url\("([^"]+)"\)/g)].map((m) => m[1] ?? "");
      expect(imports.length).toBeGreaterThan(0);
      for (const href of imports) expect(PAGES).toHaveProperty([href]);
    }
  });
});
