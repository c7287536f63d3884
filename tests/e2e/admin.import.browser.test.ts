/**
 * The /admin import and bulk delete in Chromium against the local stack (docs/interface.md, "Catalogue imports"):
 * Meta's French template as a Tunisian shop filled it in (tests/fixtures/catalog/meta_template_fr.csv) is
 * previewed (one line created, one updated, the EUR line refused by its number), imported with the progress bar
 * fed by polling the job while the POST is held back, and undone (what was edited since is skipped and named);
 * then products are ticked in the list, deleted in bulk and brought back with Undo; last, an import whose answer
 * is lost to a gateway timeout is followed through its job to the end. A shop of its own, in TND,
 * signed in with its own admin token; every change is checked through the admin API.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { putToken } from "../../lib/store/tokens";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { adminApi as sharedAdminApi } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { FIXTURES } from "../helpers/meta";

const poll = { timeout: 15_000, interval: 100 };
const db = useStackDb();
const shopId = `e2e-import-ui-${randomUUID().slice(0, 8)}`;
const token = `e2e-import-ui-token-${randomUUID()}`;
const FEED = join(FIXTURES, "catalog", "meta_template_fr.csv");

/** The admin API with this file's token: `{status, json}` (the shared helper's answer, renamed). */
const adminApi = async (method: string, path: string, body?: unknown) => {
  const r = await sharedAdminApi(inject("stackUrl"), method, path.replace(/^\//, ""), body, token);
  // biome-ignore lint/suspicious/noExplicitAny: API answers are checked field by field in the tests
  return { status: r.status, json: r.body as any };
};

/** A product in the shop's currency (TND has three decimals: 25000 is 25.000 TND). */
const product = (id: string, title: string) => ({
  id,
  title: { en: title },
  description: { en: "Made for the import browser test." },
  price: { amount: 25000, currency: "TND" },
  stock: 4,
  category: "e2e",
});

describe.skipIf(!hasChromium())("/admin import and bulk delete in a browser", () => {
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const byTestId = (id: string) => page.getByTestId(id);
  const message = async () =>
    (await byTestId("message").isVisible()) ? ((await byTestId("message").textContent()) ?? "") : "";
  const count = (kind: string) => byTestId(`import-total-${kind}`).getAttribute("data-count");
  const openTab = async (name: string) => {
    await byTestId(`tab-${name}`).click();
    await expect.poll(() => byTestId(`tab-${name}`).getAttribute("aria-selected"), poll).toBe("true");
  };

  beforeAll(async () => {
    await putToken(db, token, { shopId, role: "admin" });
    const settings = await adminApi("GET", "/settings");
    expect(settings.status).toBe(200);
    const { version: _v, catalogVersion: _c, ...rest } = settings.json;
    expect((await adminApi("PUT", "/settings", { ...rest, currency: "TND" })).status).toBe(200);
    // "7" is in the feed too: the import updates it, undo puts this back
    for (const p of [
      product("7", "Old Coloring Book"),
      product("BULK-1", "Bulk Mug"),
      product("BULK-2", "Bulk Cap"),
      product("BULK-3", "Bulk Bag"),
    ]) {
      const put = await adminApi("PUT", `/products/${p.id}`, p);
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("previews a real Meta template: counts, and the refused line by its number and reason", async () => {
    await page.goto(`${inject("stackUrl")}/admin`);
    await byTestId("token").fill(token);
    await byTestId("signin").click();
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(4);
    await openTab("import");
    await byTestId("import-file").setInputFiles(FEED);
    await expect.poll(() => byTestId("import-file-name").textContent(), poll).toBe("meta_template_fr.csv");
    await byTestId("import-submit").click();
    await expect.poll(() => byTestId("import-preview").count(), poll).toBe(1);
    expect([
      await count("created"),
      await count("updated"),
      await count("unchanged"),
      await count("errors"),
    ]).toEqual(["1", "1", "0", "1"]);
    expect(await byTestId("import-format").textContent()).toMatch(
      /1 description row skipped.*header on line 2.*TND/,
    );
    const refused = page.locator('[data-testid="import-row"][data-status="error"]');
    expect(await refused.count()).toBe(1);
    // line 1 is Meta's "# Obligatoire | …" description row, 2 the header; the EUR t-shirt is line 5
    expect(await refused.getByTestId("import-line").textContent()).toBe("5");
    expect(await refused.textContent()).toMatch(/SKU12345/);
    expect(await refused.textContent()).toMatch(/EUR/);
    expect(await byTestId("import-commit").textContent()).toBe("Import 2 products");
    await page.screenshot({ path: screenshotPath("admin-import-preview"), fullPage: true });
    // a preview writes nothing
    expect((await adminApi("GET", "/products/0")).status).toBe(404);
    expect((await adminApi("GET", "/products/7")).json.title.en).toBe("Old Coloring Book");
  });

  it("imports with a progress bar fed by polling the job while the POST has not answered", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = "";
    // The import's answer is held back here after the server has done the work: whatever the bar shows until
    // it is released can only come from polling GET /api/admin/imports/{importId}.
    const hold = async (route: Route) => {
      held = new URL(route.request().url()).searchParams.get("importId") ?? "";
      const response = await route.fetch();
      await released;
      await route.fulfill({ response });
    };
    const isImport = (url: URL) =>
      url.pathname.endsWith("/products/import") && url.searchParams.has("importId");
    await page.route(isImport, hold);
    await byTestId("import-commit").click();
    await expect
      .poll(() => byTestId("import-progress-text").textContent(), poll)
      .toBe("2 of 2 products written");
    expect(held).toMatch(/^web-[a-z0-9]+-[0-9a-f]{12}$/);
    expect(await byTestId("import-progress").getAttribute("data-processed")).toBe("2");
    expect(await byTestId("import-report").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("admin-import-progress"), fullPage: true });
    release();
    await expect.poll(() => byTestId("import-report").count(), poll).toBe(1);
    await page.unroute(isImport, hold);
    expect([await count("created"), await count("updated"), await count("errors")]).toEqual(["1", "1", "1"]);
    expect(await message()).toMatch(/Imported: 1 created, 1 updated, 1 line refused/);

    const job = await adminApi("GET", `/imports/${held}`);
    expect([job.json.status, job.json.processed, job.json.total]).toEqual(["done", 2, 2]);
    expect((await adminApi("GET", "/products/0")).json.title.en).toBe("Electric Kettle 1.7L");
    expect((await adminApi("GET", "/products/7")).json.title.en).toBe("Coloring Book for Kids");
    const row = page.locator(`[data-testid="import-job"][data-id="${held}"]`);
    await expect.poll(() => row.getAttribute("data-status"), poll).toBe("done");
    expect(await row.getByTestId("import-job-summary").textContent()).toBe(
      "1 created · 1 updated · 1 refused",
    );
  });

  it("undoes the import after a confirmation: the changed product is put back, the one edited since skipped", async () => {
    // the kettle is edited by hand after the import: undo must leave it and say so
    expect((await adminApi("PUT", "/products/0", product("0", "Kettle, edited by hand"))).status).toBe(200);
    const row = page.locator('[data-testid="import-job"]').first();
    await row.getByTestId("import-undo").click();
    await expect.poll(() => byTestId("confirm-dialog").isVisible(), poll).toBe(true);
    expect(await byTestId("confirm-dialog").textContent()).toMatch(/Undo this import\?/);
    await byTestId("confirm-ok").click();
    await expect
      .poll(message, poll)
      .toMatch(/Undone: 1 put back, 0 deleted\. 1 skipped because it was changed since: 0\./);
    await expect.poll(() => row.getAttribute("data-status"), poll).toBe("undone");
    expect(await row.getByTestId("import-undo-result").textContent()).toMatch(/skipped.*: 0\./);
    expect(await row.getByTestId("import-undo").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("admin-import-undone"), fullPage: true });

    expect((await adminApi("GET", "/products/7")).json.title.en).toBe("Old Coloring Book");
    expect((await adminApi("GET", "/products/0")).json.title.en).toBe("Kettle, edited by hand");
    expect((await adminApi("DELETE", "/products/0")).status).toBeLessThan(300);
  });

  it("ticks products, deletes them in bulk after a confirmation, and brings them back with Undo", async () => {
    await openTab("products");
    await byTestId("product-search").fill("bulk");
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(3);
    await byTestId("product-select-all").check();
    await expect.poll(() => byTestId("bulk-count").textContent(), poll).toBe("3 selected");
    await page.locator('[data-testid="product-select"][data-id="BULK-3"]').uncheck();
    await expect.poll(() => byTestId("bulk-count").textContent(), poll).toBe("2 selected");
    expect(await byTestId("product-select-all").evaluate((b) => (b as HTMLInputElement).indeterminate)).toBe(
      true,
    );
    await byTestId("bulk-delete").click();
    await expect.poll(() => byTestId("confirm-dialog").isVisible(), poll).toBe(true);
    expect(await byTestId("confirm-dialog").textContent()).toMatch(/Delete 2 products\?/);
    await byTestId("confirm-ok").click();
    await expect.poll(message, poll).toMatch(/Deleted 2 products\./);
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(1);
    expect(await byTestId("bulk-bar").count()).toBe(0);
    expect((await adminApi("GET", "/products/BULK-1")).status).toBe(404);
    expect((await adminApi("GET", "/products/BULK-2")).status).toBe(404);
    expect((await adminApi("GET", "/products/BULK-3")).status).toBe(200);
    await page.screenshot({ path: screenshotPath("admin-bulk-deleted"), fullPage: true });

    await byTestId("undo-delete").click();
    await expect.poll(message, poll).toMatch(/Undone: 2 put back, 0 deleted\./);
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(3);
    expect((await adminApi("GET", "/products/BULK-1")).json.title.en).toBe("Bulk Mug");
    expect((await adminApi("GET", "/products/BULK-2")).json.title.en).toBe("Bulk Cap");
    const jobs = await adminApi("GET", "/imports");
    expect(jobs.json.items[0]).toMatchObject({ kind: "delete", status: "undone" });
  });

  it("follows the job to its end when the import's answer is lost on the way (a gateway timeout)", async () => {
    await openTab("import");
    await byTestId("import-csv").fill(
      [
        "id,title,description,availability,condition,price,link,image_link,brand",
        "LOST-1,Lost Answer Lamp,A lamp,in stock,new,12 TND,https://example.com/l,https://example.com/l.jpg,Acme",
      ].join("\n"),
    );
    await byTestId("import-submit").click();
    await expect.poll(() => count("created"), poll).toBe("1");
    // the import runs to its end on the server; the page gets API Gateway's 504 instead of its answer
    const isImport = (url: URL) =>
      url.pathname.endsWith("/products/import") && url.searchParams.has("importId");
    const timeOut = async (route: Route) => {
      await route.fetch();
      await route.fulfill({
        status: 504,
        contentType: "application/json",
        body: '{"message":"Endpoint request timed out"}',
      });
    };
    await page.route(isImport, timeOut);
    await byTestId("import-commit").click();
    await expect.poll(message, poll).toMatch(/Imported: 1 created, 0 updated\./);
    await page.unroute(isImport, timeOut);
    expect((await adminApi("GET", "/products/LOST-1")).json.title.en).toBe("Lost Answer Lamp");
    const first = page.locator('[data-testid="import-job"]').first();
    await expect.poll(() => first.getAttribute("data-status"), poll).toBe("done");
    expect(await first.getByTestId("import-job-summary").textContent()).toBe("1 created");
  });
});
