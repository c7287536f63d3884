/**
 * Imports a catalog feed into a shop's products: one result per line, bad lines reported by their physical
 * line number, good lines kept (no rollback), as Meta's own feed uploads behave.
 *
 * Feeds as merchants have them (lib/catalog/feedFormat.ts): Meta's template as downloaded (its description
 * row skipped, in any language), CSV or TSV, header names of Meta, Google Merchant Center and common aliases in
 * any case. Columns read (https://developers.facebook.com/docs/commerce-platform/catalog/fields,
 * https://support.google.com/merchants/answer/7052112):
 * `id`, `title`, `description`, `availability`, `price` ("12.50 USD", "12.50", "49,00 TND": lib/catalog/price.ts;
 * the shop's currency when none is written; another currency refuses the line), `sale_price` (+
 * `sale_price_effective_date`): the price the shopper pays while it runs, the regular one kept as `listPrice`,
 * `image_link`, `additional_image_link` (comma-separated), `item_group_id`, `size`, `color`, `material`,
 * `pattern`, `gender`, `brand`, `product_type` / `google_product_category` (category: lib/catalog/categoryMap.ts),
 * `inventory` or `quantity_to_sell_on_facebook` (stock). A line without a count is sold by `availability` alone,
 * as Meta allows: "out of stock" is 0, in stock keeps a stored count above 0 or gets `defaultStock`.
 * The main feed's texts go to the shop's default locale.
 *
 * With a `locale`, the feed is a language feed
 * (https://developers.facebook.com/docs/marketing-api/catalog/guides/language-and-country-feeds): it only
 * sets that locale's title and description of products that already exist.
 *
 * An update keeps what the feed does not carry (other locales, tags, rating, attributes it does not name); a
 * line that changes nothing is `unchanged` and not written.
 */
import type { Locale } from "../i18n";
import { feedCategory, lastSegment } from "./categoryMap";
import { type Column, type Delimiter, readFeedTable } from "./feedFormat";
import { parseFeedPrice, saleActive } from "./price";
import { type FieldError, ID_PATTERN, parseProduct } from "./schema";
import type { Money, Product } from "./types";

export interface ImportLineResult {
  /** physical CSV line; the header is line 1 */
  line: number;
  id?: string;
  status: "created" | "updated" | "unchanged" | "error";
  errors?: FieldError[];
  /** an update's changed top-level fields (`price`, `stock`, …) */
  changed?: string[];
}

const AVAILABILITY = new Map<string, "in" | "out">([
  ["in stock", "in"],
  ["instock", "in"],
  ["available", "in"],
  ["available for order", "in"],
  ["preorder", "in"],
  ["pre order", "in"],
  ["backorder", "in"],
  ["limited availability", "in"],
  ["out of stock", "out"],
  ["outofstock", "out"],
  ["sold out", "out"],
  ["discontinued", "out"],
]);

/** In-stock lines without a count get this stock unless a count is already stored (see the module comment). */
export const DEFAULT_STOCK = 100;

/** "Apparel & Accessories > Clothing > Shirts" → "shirts" (kept for callers of the old name). */
export const categoryOf = lastSegment;

/** Schema paths back to the feed's columns, so errors name what the merchant can find in the file. */
const COLUMN_OF: Array<[RegExp, string]> = [
  [/^title\./, "title"],
  [/^description\./, "description"],
  [/^price/, "price"],
  [/^listPrice/, "price"],
  [/^stock$/, "inventory"],
  [/^imageUrl$/, "image_link"],
  [/^images/, "additional_image_link"],
  [/^groupId$/, "item_group_id"],
  [/^category$/, "product_type"],
  [/^attributes\./, ""],
];
const toColumn = (path: string): string => {
  for (const [re, col] of COLUMN_OF) if (re.test(path)) return col || path.slice("attributes.".length);
  return path;
};

const ATTRIBUTE_COLUMNS: Array<[Column, boolean]> = [
  // column, lower-case the value
  ["size", false],
  ["color", true],
  ["material", true],
  ["pattern", true],
  ["gender", true],
];

interface Row {
  line: number;
  get(column: Column): string;
  has(column: Column): boolean;
}

export interface PlannedWrite {
  line: number;
  product: Product;
  status: "created" | "updated";
  /** the stored product this replaces (undefined: created) */
  before?: Product;
  /** top-level fields that change */
  changed: string[];
}

export interface Plan {
  results: ImportLineResult[];
  writes: PlannedWrite[];
  /** how the file was read */
  format: { delimiter: "," | "\t" | ";"; descriptionRows: number; headerLine: number };
}

export interface PlanOptions {
  locale?: Locale;
  mainLocale: Locale;
  /** the shop's currency: prices without one are in it, others are refused; default USD */
  currency?: string;
  delimiter?: Delimiter;
  defaultStock?: number;
  now?: string;
}

const comparable = (p: Product | Record<string, unknown>): Record<string, unknown> => {
  const { version: _v, updatedAt: _u, ...rest } = p as Product;
  return rest as Record<string, unknown>;
};

/** Top-level fields whose values differ (JSON equality; key order inside per-locale texts ignored). */
function changedFields(before: Product, after: Product): string[] {
  const a = comparable(before);
  const b = comparable(after);
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x) =>
      x && typeof x === "object" && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([k1], [k2]) => (k1 < k2 ? -1 : 1)))
        : x,
    );
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => canon(a[k]) !== canon(b[k]))
    .sort();
}

/**
 * The pure part of an import: feed text and the shop's current products → what to write and the result of
 * every line. Throws `request.invalid` when the feed as a whole cannot be read, naming why.
 */
export function planImport(text: string, existing: Map<string, Product>, opts: PlanOptions): Plan {
  const table = readFeedTable(text, {
    delimiter: opts.delimiter,
    required: opts.locale ? ["id"] : ["id", "title", "price"],
    oneOf: opts.locale ? ["title", "description"] : undefined,
  });
  const { columns, header } = table;
  const currency = opts.currency ?? "USD";
  const now = opts.now ?? new Date().toISOString();
  const results: ImportLineResult[] = [];
  const writes: PlannedWrite[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const fail = (errors: FieldError[], id?: string) =>
      results.push({ line: record.line, ...(id ? { id } : {}), status: "error", errors });
    if (record.error) {
      fail([{ path: "line", message: record.error }]);
      continue;
    }
    const extra = record.fields.slice(header.length);
    if (extra.some((f) => f.trim() !== "")) {
      const sep = table.delimiter === "\t" ? "tab" : `"${table.delimiter}"`;
      fail([
        {
          path: "line",
          message: `has ${record.fields.length} fields but the header has ${header.length} (a ${sep} outside quotes? a list of images must be one quoted cell)`,
        },
      ]);
      continue;
    }
    const row: Row = {
      line: record.line,
      has: (c) => columns.has(c) && (record.fields[columns.get(c) as number] ?? "").trim() !== "",
      get: (c) => (columns.has(c) ? (record.fields[columns.get(c) as number] ?? "").trim() : ""),
    };
    const id = row.get("id");
    if (!id) {
      // a line of empty cells (spreadsheets leave them) is no product and no error
      if (record.fields.every((f) => f.trim() === "")) continue;
      fail([{ path: "id", message: "is required" }]);
      continue;
    }
    if (!ID_PATTERN.test(id)) {
      fail([{ path: "id", message: "must be 1 to 100 letters, digits, '.', '_' or '-'" }], id);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      fail([{ path: "id", message: `repeats the id of line ${first}` }], id);
      continue;
    }
    seen.set(id, record.line);
    const before = existing.get(id);
    const mapped = opts.locale
      ? languageLine(row, before, opts.locale)
      : mainLine(row, id, before, {
          locale: opts.mainLocale,
          currency,
          defaultStock: opts.defaultStock ?? DEFAULT_STOCK,
          now: new Date(now),
        });
    if (!mapped.ok) {
      fail(mapped.errors, id);
      continue;
    }
    const checked = parseProduct(mapped.value);
    if (!checked.ok) {
      fail(
        checked.errors.map((e) => ({ path: toColumn(e.path), message: e.message })),
        id,
      );
      continue;
    }
    const product: Product = { ...checked.value, version: (before?.version ?? 0) + 1, updatedAt: now };
    if (before) {
      const changed = changedFields(before, product);
      if (changed.length === 0) {
        results.push({ line: record.line, id, status: "unchanged" });
        continue;
      }
      writes.push({ line: record.line, product, status: "updated", before, changed });
    } else {
      writes.push({ line: record.line, product, status: "created", changed: [] });
    }
  }
  return {
    results,
    writes,
    format: { delimiter: table.delimiter, descriptionRows: table.skipped, headerLine: table.headerLine },
  };
}

type Mapped = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** The product a main-feed line describes, on top of what is stored. */
function mainLine(
  row: Row,
  id: string,
  before: Product | undefined,
  o: { locale: Locale; currency: string; defaultStock: number; now: Date },
): Mapped {
  const errors: FieldError[] = [];
  const title = row.get("title");
  if (!title) errors.push({ path: "title", message: "is required" });
  const price = parseFeedPrice(row.get("price"), o.currency);
  if (!price.ok) errors.push({ path: "price", message: row.has("price") ? price.message : "is required" });
  let sale: Money | undefined;
  if (row.has("sale_price")) {
    const parsed = parseFeedPrice(row.get("sale_price"), o.currency);
    if (!parsed.ok) errors.push({ path: "sale_price", message: parsed.message });
    else if (
      price.ok &&
      parsed.value.amount < price.value.amount &&
      saleActive(row.get("sale_price_effective_date"), o.now)
    )
      sale = parsed.value;
  }

  let availability: "in" | "out" | undefined;
  if (row.has("availability")) {
    availability = AVAILABILITY.get(
      row
        .get("availability")
        .toLowerCase()
        .replace(/[_-]+/g, " ")
        .replace(/^https?:\/\/schema\.org\//, ""),
    );
    if (!availability)
      errors.push({
        path: "availability",
        message: `"${row.get("availability")}" is not one of "in stock", "out of stock", "preorder", "available for order", "discontinued"`,
      });
  }
  let stock: number | undefined;
  for (const column of ["inventory", "quantity_to_sell_on_facebook"] as const) {
    if (!row.has(column)) continue;
    const value = row.get(column);
    if (!/^\d{1,10}$/.test(value)) {
      errors.push({ path: column, message: `"${value}" is not a whole number of 0 or more` });
    } else stock ??= Number(value);
  }
  if (availability === "out") stock = 0;
  // Meta needs only availability: without a count an in-stock product keeps a stored count or gets the default
  stock ??= before && before.stock > 0 ? before.stock : o.defaultStock;
  if (errors.length > 0) return { ok: false, errors };

  const attributes: Record<string, string> = { ...before?.attributes };
  for (const [column, lower] of ATTRIBUTE_COLUMNS) {
    if (row.has(column)) attributes[column] = lower ? row.get(column).toLowerCase() : row.get(column);
  }
  const { version: _v, updatedAt: _u, listPrice: _l, ...kept } = before ?? ({} as Partial<Product>);
  const description = row.get("description");
  const regular = (price as { ok: true; value: Money }).value;
  const categoryColumns =
    row.has("product_type") || row.has("google_product_category") || row.has("fb_product_category");
  const images = row.has("additional_image_link")
    ? row
        .get("additional_image_link")
        .split(/[,\s]+/)
        .map((u) => u.trim())
        .filter(Boolean)
    : undefined;
  return {
    ok: true,
    value: {
      ...kept,
      id,
      title: { ...before?.title, [o.locale]: title },
      ...(description || before?.description
        ? { description: { ...before?.description, ...(description ? { [o.locale]: description } : {}) } }
        : {}),
      price: sale ?? regular,
      ...(sale ? { listPrice: regular } : {}),
      stock,
      category: categoryColumns
        ? feedCategory(
            row.get("product_type"),
            row.get("google_product_category") || row.get("fb_product_category"),
          )
        : (before?.category ?? ""),
      tags: before?.tags ?? [],
      attributes,
      ...(row.has("brand") ? { brand: row.get("brand") } : {}),
      ...(row.has("image_link") ? { imageUrl: row.get("image_link") } : {}),
      ...(images && images.length > 0 ? { images } : {}),
      ...(row.has("item_group_id") ? { groupId: row.get("item_group_id") } : {}),
    },
  };
}

/** A language-feed line: that locale's title and description of an existing product. */
function languageLine(row: Row, before: Product | undefined, locale: Locale): Mapped {
  if (!before) {
    return {
      ok: false,
      errors: [
        { path: "id", message: "is not in the catalogue: a language feed only translates existing products" },
      ],
    };
  }
  const title = row.get("title");
  const description = row.get("description");
  if (!title && !description)
    return { ok: false, errors: [{ path: "title", message: "title or description is required" }] };
  const { version: _v, updatedAt: _u, ...kept } = before;
  return {
    ok: true,
    value: {
      ...kept,
      title: { ...before.title, ...(title ? { [locale]: title } : {}) },
      ...(description || before.description
        ? { description: { ...before.description, ...(description ? { [locale]: description } : {}) } }
        : {}),
    },
  };
}
