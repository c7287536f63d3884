/**
 * Imports as jobs on DynamoDB Local: a preview writes nothing, an import records its progress and an undo log,
 * undo puts every product back (leaving alone what someone changed since), bulk delete is undoable, a feed in
 * another currency than the shop's is refused line by line.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteProducts, runImport, undoJob } from "../../lib/catalog/importJob";
import { getProduct, listProducts, putProduct } from "../../lib/store/catalog";
import { createJob, getJob, listJobs, putUndoLog } from "../../lib/store/imports";
import { DEFAULT_SETTINGS, getCatalogVersion, putSettings } from "../../lib/store/settings";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const newShop = () => `shop-${randomUUID()}`;
const FEED = [
  "id,title,price,availability,inventory",
  "A,Alpha,10.00,in stock,5",
  "B,Beta,20.00,in stock,",
  "C,Gamma,30.00 GBP,in stock,1",
].join("\n");

describe("import jobs", () => {
  it("a preview says what would happen and writes nothing", async () => {
    const shop = newShop();
    await putProduct(db, shop, {
      id: "A",
      title: { en: "Alpha" },
      price: { amount: 900, currency: "USD" },
      stock: 5,
      category: "",
      tags: [],
      attributes: {},
    });
    const report = await runImport(db, shop, { text: FEED, dryRun: true, by: "test" });
    expect(report.dryRun).toBe(true);
    expect(report.importId).toBeUndefined();
    expect(report.results).toEqual([
      { line: 2, id: "A", status: "updated", changed: ["price"] },
      { line: 3, id: "B", status: "created" },
      {
        line: 4,
        id: "C",
        status: "error",
        errors: [{ path: "price", message: expect.stringContaining("this shop sells in USD") }],
      },
    ]);
    expect((await listProducts(db, shop)).map((p) => [p.id, p.price.amount])).toEqual([["A", 900]]);
    expect(await listJobs(db, shop)).toEqual([]);
    expect(await getCatalogVersion(db, shop)).toBe(1);
  });

  it("an import is a job with progress; undo restores what it changed and deletes what it created", async () => {
    const shop = newShop();
    await putSettings(db, shop, { ...DEFAULT_SETTINGS, currency: "USD" });
    await putProduct(db, shop, {
      id: "A",
      title: { en: "Old Alpha", ar: "ألفا" },
      price: { amount: 900, currency: "USD" },
      stock: 2,
      category: "tops",
      tags: ["x"],
      attributes: {},
    });
    const report = await runImport(db, shop, { text: FEED, by: "admin-t", importId: "import-test-1" });
    expect(report.importId).toBe("import-test-1");
    expect(report.totals).toEqual({ lines: 3, created: 1, updated: 1, unchanged: 0, errors: 1 });
    const job = await getJob(db, shop, "import-test-1");
    expect(job).toMatchObject({
      kind: "import",
      status: "done",
      by: "admin-t",
      total: 2,
      processed: 2,
      totals: { created: 1, updated: 1, errors: 1, deleted: 0 },
    });
    expect(await getProduct(db, shop, "A")).toMatchObject({ price: { amount: 1000 }, stock: 5, version: 2 });
    expect(await getProduct(db, shop, "B")).toMatchObject({ stock: 100, version: 1 });

    const undone = await undoJob(db, shop, "import-test-1", { by: "admin-t" });
    expect(undone.undo).toMatchObject({ restored: 1, deleted: 1, skipped: [] });
    expect(await getProduct(db, shop, "A")).toMatchObject({
      title: { en: "Old Alpha", ar: "ألفا" },
      price: { amount: 900 },
      stock: 2,
      tags: ["x"],
      version: 3,
    });
    expect(await getProduct(db, shop, "B")).toBeUndefined();
    expect((await getJob(db, shop, "import-test-1"))?.status).toBe("undone");
    await expect(undoJob(db, shop, "import-test-1", { by: "t" })).rejects.toMatchObject({
      code: "admin.conflict",
    });
    await expect(
      runImport(db, shop, { text: FEED, by: "t", importId: "import-test-1" }),
    ).rejects.toMatchObject({ code: "admin.conflict" });
  });

  it("undo leaves alone a product someone changed since the import", async () => {
    const shop = newShop();
    const report = await runImport(db, shop, { text: FEED, by: "t" });
    const b = await getProduct(db, shop, "B");
    await putProduct(db, shop, { ...(b as NonNullable<typeof b>), stock: 7 });
    const undone = await undoJob(db, shop, report.importId as string, { by: "t" });
    expect(undone.undo).toMatchObject({ restored: 0, deleted: 1, skipped: ["B"] });
    expect((await listProducts(db, shop)).map((p) => [p.id, p.stock])).toEqual([["B", 7]]);
  });

  it("bulk delete is a job that undo reverses", async () => {
    const shop = newShop();
    await runImport(db, shop, { text: FEED, by: "t" });
    const before = await getCatalogVersion(db, shop);
    const del = await deleteProducts(db, shop, ["A", "B", "NOPE", "A"], { by: "t" });
    expect(del).toMatchObject({ deleted: ["A", "B"], notFound: ["NOPE"] });
    expect(await listProducts(db, shop)).toEqual([]);
    expect(await getCatalogVersion(db, shop)).toBe(before + 1);
    expect(await getJob(db, shop, del.jobId)).toMatchObject({
      kind: "delete",
      status: "done",
      totals: { deleted: 2 },
    });
    const undone = await undoJob(db, shop, del.jobId, { by: "t" });
    expect(undone.undo).toMatchObject({ restored: 2, deleted: 0, skipped: [] });
    expect((await listProducts(db, shop)).map((p) => p.id)).toEqual(["A", "B"]);
  });

  it("reports progress chunk by chunk on a large import", async () => {
    const shop = newShop();
    const lines = Array.from({ length: 600 }, (_, i) => `P-${i},Item ${i},1.00 USD,5`);
    const report = await runImport(db, shop, {
      text: ["id,title,price,inventory", ...lines].join("\n"),
      by: "t",
    });
    expect(report.totals.created).toBe(600);
    const job = await getJob(db, shop, report.importId as string);
    expect(job).toMatchObject({ total: 600, processed: 600, status: "done" });
    // three chunks of 250: three catalogVersion bumps
    expect(await getCatalogVersion(db, shop)).toBe(3);
  });

  it("a job cut off while running (a timeout) can be undone once it is stale, not before", async () => {
    const shop = newShop();
    const product = {
      id: "Z",
      title: { en: "Zed" },
      price: { amount: 100, currency: "USD" },
      stock: 1,
      category: "",
      tags: [],
      attributes: {},
    };
    const { item } = await putProduct(db, shop, product);
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    await createJob(db, shop, {
      id: "cut-off-1",
      kind: "import",
      status: "running",
      by: "t",
      startedAt,
      total: 2,
      processed: 1,
    });
    // the import wrote Z (version 1) and never got to Y
    await putUndoLog(db, shop, "cut-off-1", [
      { id: "Z", version: item.version },
      { id: "Y", version: 1 },
    ]);
    await expect(undoJob(db, shop, "cut-off-1", { by: "t" })).rejects.toMatchObject({
      code: "admin.conflict",
    });
    const later = () => new Date(Date.now() + 10 * 60_000);
    const undone = await undoJob(db, shop, "cut-off-1", { by: "t", now: later });
    expect(undone.undo).toMatchObject({ deleted: 1, restored: 0, skipped: [] });
    expect(await listProducts(db, shop)).toEqual([]);
  });
});
