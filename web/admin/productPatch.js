/**
 * What the product form sends when it saves an existing product (docs/interface.md, `PATCH
 * /api/admin/products/{id}`): only the fields the merchant changed. A stock edit is explicit: `"stock": N` with
 * `"stockExpected"`, the stock the form showed, so a sale in between is not overwritten. A field the merchant
 * cleared is sent as null. Pure: tests/unit/web/productPatch.test.js.
 */

/** JSON with object keys sorted, so `{en, ar}` and `{ar, en}` are the same title. */
const canonical = (v) =>
  JSON.stringify(v ?? null, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
const same = (a, b) => canonical(a) === canonical(b);

/**
 * The PATCH body turning `before` (the product as the form showed it) into `after` (the form's full body), or
 * null when nothing changed. `version` and `updatedAt` are never sent (the version goes in If-Match).
 */
export function productPatch(before, after) {
  const patch = {};
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  for (const k of keys) {
    if (k === "id" || k === "version" || k === "updatedAt") continue;
    const was = before?.[k];
    const now = after?.[k];
    if (same(was, now)) continue;
    if (k === "stock") {
      patch.stock = now;
      if (typeof was === "number") patch.stockExpected = was;
    } else patch[k] = now === undefined ? null : now;
  }
  return Object.keys(patch).length ? patch : null;
}
