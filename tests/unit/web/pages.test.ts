/**
 * The pages as served (deploy/pagesManifest.ts → functions/pagesManifest.ts): the manifest is current, every
 * address a page names is served, every module's imports name exports that exist (what a browser would fail on
 * at load), no file under web/ is over 600 lines, the CSP has no 'unsafe-inline', and the timestamps' colour
 * keeps 4.5:1 on the pages' backgrounds. The pages' behaviour is tested in Chromium (tests/e2e/*.browser.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { MANIFEST_PATH, manifestSource } from "../../../deploy/pagesManifest";
import { handler, PAGE_HEADERS } from "../../../functions/pages";
import { PAGES } from "../../../functions/pagesManifest";

const WEB = resolve("web");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

/** The names a module exports: its exported declarations and `export { a, b }`. */
const exportsOf = (source: string) =>
  new Set([
    ...[...source.matchAll(/^export (?:async )?(?:function\*? |const |let |class )([\w$]+)/gm)].map(
      (m) => m[1],
    ),
    ...[...source.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) =>
      (m[1] ?? "").split(",").map((n) => n.trim()),
    ),
  ]);

describe("web/ as served", () => {
  it("is what the manifest holds (run npm run build:pages when this fails)", () => {
    expect(readFileSync(MANIFEST_PATH, "utf8") === manifestSource()).toBe(true);
  });

  it("serves /admin and /inbox with a CSP without 'unsafe-inline', and every asset a page names", async () => {
    expect(PAGE_HEADERS["content-security-policy"]).not.toContain("unsafe-inline");
    for (const page of ["/admin", "/inbox", "/chat"]) {
      const html = PAGES[page]?.[1] ?? "";
      expect(html).toContain("<!doctype html>");
      expect(html).not.toMatch(/<script>|<style>| style="|unsafe-inline/);
      for (const [, href] of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g))
        expect(PAGES).toHaveProperty([href ?? ""]);
    }
    const res = await handler({ rawPath: "/admin" } as never);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.["content-security-policy"]).toBe(PAGE_HEADERS["content-security-policy"]);
    expect((await handler({ rawPath: "/assets/common/dom.js" } as never)).headers?.["content-type"]).toMatch(
      /^text\/javascript/,
    );
    expect((await handler({ rawPath: "/chat" } as never)).statusCode).toBe(404); // devSink serves it, locally
    expect((await handler({ rawPath: "/assets/nope.js" } as never)).statusCode).toBe(404);
  });

  it("has modules whose imports all resolve to exports, and no file over 600 lines", () => {
    const problems: string[] = [];
    for (const file of files(WEB)) {
      const source = readFileSync(file, "utf8");
      const rel = file.slice(WEB.length + 1);
      if (source.split("\n").length > 600) problems.push(`${rel} is over 600 lines`);
      if (!file.endsWith(".js")) continue;
      for (const [, names, from] of source.matchAll(/^import \{([^}]*)\} from "([^"]+)";/gm)) {
        if (!from?.startsWith(".")) {
          problems.push(`${rel}: import from ${from}`);
          continue;
        }
        const target = join(dirname(file), from);
        let exported: Set<string | undefined>;
        try {
          exported = exportsOf(readFileSync(target, "utf8"));
        } catch {
          problems.push(`${rel}: ${from} does not exist`);
          continue;
        }
        for (const name of (names ?? "")
          .split(",")
          .map((n) => n.trim().split(/\s+as\s+/)[0] ?? "")
          .filter(Boolean))
          if (!exported.has(name)) problems.push(`${rel}: ${from} exports no ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("names nothing it neither declares nor imports (TypeScript reads the modules as the browser would)", () => {
    const program = ts.createProgram(
      files(WEB).filter((f) => f.endsWith(".js")),
      {
        allowJs: true,
        checkJs: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
        types: [],
        skipLibCheck: true,
      },
    );
    // cannot find name (2304, 2552, 2580–2592), no such export (2305, 2724), assignment to an import (2632)
    const UNRESOLVED = new Set([2304, 2305, 2552, 2580, 2581, 2582, 2591, 2592, 2632, 2724]);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => UNRESOLVED.has(d.code))
      .map(
        (d) =>
          `${d.file?.fileName.slice(WEB.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      );
    expect(problems).toEqual([]);
  }, 60_000);

  it("keeps the timestamps at 4.5:1 or more on the pages' backgrounds", () => {
    const css = readFileSync(join(WEB, "common", "staff.css"), "utf8");
    const colour = (name: string) => {
      const short = new RegExp(`--${name}: #([0-9a-f]{6}|[0-9a-f]{3});`).exec(css)?.[1] ?? "";
      const hex = short.length === 3 ? [...short].map((c) => c + c).join("") : short;
      const channel = (i: number) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      expect(hex).toHaveLength(6);
      return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    };
    for (const bg of ["bg", "card"]) {
      const [a, b] = [colour("time"), colour(bg)].sort((x, y) => y - x) as [number, number];
      expect((a + 0.05) / (b + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
