/**
 * Imports a Meta catalog feed (CSV) into a shop's products: one result per line, bad lines reported by their
 * physical line number, good lines kept (no rollback), as Meta's own feed uploads behave.
 *
 * Columns (header names case-insensitive, others ignored), per
 * https://developers.facebook.com/docs/commerce-platform/catalog/fields:
 * `id`, `title`, `description`, `availability`, `condition`, `price` ("12.50 USD"), `image_link`,
 * `item_group_id`, `size`, `color`, `material`, `pattern`, `brand`, `product_type` (category: the last
 * segment of "A > B", lower case), `inventory` or `quantity_to_sell_on_facebook` (stock; "out of stock" → 0).
 * The main feed's texts go to the shop's default locale.
 *
 * With a `locale`, the feed is a language feed
 * (https://developers.facebook.com/docs/marketing-api/catalog/guides/language-and-country-feeds): it only
 * sets that locale's title and description of products that already exist.
 *
 * An update keeps what the feed does not carry (other locales, tags, rating, attributes it does not name).
 * The shop's products are read once (one Query), written in batches, and catalogVersion is bumped once.
 */
import { minorDigits } from "../content/format";
import { AppError } from "../errors";
import type { Locale } from "../i18n";
import { listProducts, putProductsBatch } from "../store/catalog";
import type { Db } from "../store/client";
import { getSettings } from "../store/settings";
import { parseCsv } from "./csv";
import { type FieldError, ID_PATTERN, parseProduct } from "./schema";
import type { Money, Product } from "./types";

export interface ImportLineResult {
  /** physical CSV line; the header is line 1 */
  line: number;
  id?: string;
  status: "created" | "updated" | "error";
  errors?: FieldError[];
}

export interface ImportReport {
  /** a language feed's locale; undefined for the main feed */
  locale?: Locale;
  results: ImportLineResult[];
  totals: { lines: number; created: number; updated: number; errors: number };
}

export interface ImportOptions {
  /** a language feed for this locale */
  locale?: Locale;
  /** the locale of the main feed's texts; default: the shop's default locale */
  mainLocale?: Locale;
  /** parallel batch writes */
  parallel?: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Meta's price format, "<number> <ISO 4217>": "12.50 USD" → 1250 USD. Also "12 USD", "1,299.00 USD" (comma
 * thousands separators in groups of three) and "USD 12.50". Decimal commas ("12,50 EUR") are refused rather
 * than guessed. Computed on the digits, never through a float; decimal places per currency as the bot formats
 * them (lib/content/format.ts: USD 2, JPY 0, KWD 3).
 */
export function parsePrice(raw: string): Result<Money> {
  const m = /^(?:([A-Za-z]{3})\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([A-Za-z]{3})?$/.exec(raw.trim());
  if (!m || (m[1] && m[4]) || !(m[1] || m[4])) {
    return { ok: false, message: `"${raw.trim()}" is not a price like "12.50 USD"` };
  }
  const currency = (m[1] ?? m[4] ?? "").toUpperCase();
  const digits = minorDigits(currency);
  const whole = (m[2] ?? "0").replaceAll(",", "");
  let fraction = m[3] ?? "";
  if (fraction.length > digits) {
    if (/[^0]/.test(fraction.slice(digits)))
      return { ok: false, message: `${currency} prices have at most ${digits} decimal places` };
    fraction = fraction.slice(0, digits);
  }
  const amount = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: "the price is too large" };
  return { ok: true, value: { amount: Number(amount), currency } };
}

const AVAILABILITY = new Map<string, "in" | "out">([
  ["in stock", "in"],
  ["available for order", "in"],
  ["preorder", "in"],
  ["out of stock", "out"],
  ["discontinued", "out"],
]);

/** "Apparel & Accessories > Clothing > Shirts" → "shirts". */
export const categoryOf = (productType: string): string =>
  (productType.split(">").pop() ?? "").trim().toLowerCase();

/** Schema paths back to the feed's columns, so errors name what the merchant can find in the file. */
const COLUMN_OF: Array<[RegExp, string]> = [
  [/^title\./, "title"],
  [/^description\./, "description"],
  [/^price/, "price"],
  [/^stock$/, "inventory"],
  [/^imageUrl$/, "image_link"],
  [/^groupId$/, "item_group_id"],
  [/^category$/, "product_type"],
  [/^attributes\./, ""],
];
const toColumn = (path: string): string => {
  for (const [re, col] of COLUMN_OF) if (re.test(path)) return col || path.slice("attributes.".length);
  return path;
};

const ATTRIBUTE_COLUMNS: Array<[string, boolean]> = [
  // column, lower-case the value
  ["size", false],
  ["color", true],
  ["material", true],
  ["pattern", true],
];

interface Row {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

interface Plan {
  results: ImportLineResult[];
  writes: Array<{ line: number; product: Product; status: "created" | "updated" }>;
}

/**
 * The pure part of an import: CSV text and the shop's current products → what to write and the result of
 * every line. Throws `request.invalid` when the feed as a whole cannot be read (no header, no `id` column).
 */
export function planImport(
  csv: string,
  existing: Map<string, Product>,
  opts: { locale?: Locale; mainLocale: Locale; now?: string },
): Plan {
  const records = parseCsv(csv);
  const header = records.shift();
  if (!header) throw invalid("The feed is empty: it needs a header line and product lines.");
  if (header.error) throw invalid(`The header line is broken: ${header.error}.`);
  const columns = new Map<string, number>();
  header.fields.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (key && !columns.has(key)) columns.set(key, index);
  });
  const required = opts.locale ? ["id"] : ["id", "title", "price"];
  const missing = required.filter((c) => !columns.has(c));
  if (opts.locale && !columns.has("title") && !columns.has("description"))
    missing.push("title or description");
  if (missing.length > 0) {
    throw invalid(
      `The feed's header lacks ${missing.join(", ")}.`,
      missing.map((c) => ({ path: "header", message: `missing column: ${c}` })),
    );
  }

  const now = opts.now ?? new Date().toISOString();
  const results: ImportLineResult[] = [];
  const writes: Plan["writes"] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const fail = (errors: FieldError[], id?: string) =>
      results.push({ line: record.line, ...(id ? { id } : {}), status: "error", errors });
    if (record.error) {
      fail([{ path: "line", message: record.error }]);
      continue;
    }
    const extra = record.fields.slice(header.fields.length);
    if (extra.some((f) => f.trim() !== "")) {
      fail([
        {
          path: "line",
          message: `has ${record.fields.length} fields but the header has ${header.fields.length} (a comma outside quotes?)`,
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
      : mainLine(row, id, before, opts.mainLocale);
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
    writes.push({ line: record.line, product, status: before ? "updated" : "created" });
  }
  return { results, writes };
}

type Mapped = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** The product a main-feed line describes, on top of what is stored. */
function mainLine(row: Row, id: string, before: Product | undefined, locale: Locale): Mapped {
  const errors: FieldError[] = [];
  const title = row.get("title");
  if (!title) errors.push({ path: "title", message: "is required" });
  const price = parsePrice(row.get("price"));
  if (!price.ok) errors.push({ path: "price", message: row.has("price") ? price.message : "is required" });

  let availability: "in" | "out" | undefined;
  if (row.has("availability")) {
    availability = AVAILABILITY.get(row.get("availability").toLowerCase().replaceAll("_", " "));
    if (!availability)
      errors.push({
        path: "availability",
        message: `must be one of ${[...AVAILABILITY.keys()].map((a) => `"${a}"`).join(", ")}`,
      });
  }
  let stock: number | undefined;
  for (const column of ["inventory", "quantity_to_sell_on_facebook"]) {
    if (!row.has(column)) continue;
    const value = row.get(column);
    if (!/^\d{1,10}$/.test(value)) {
      errors.push({ path: column, message: `"${value}" is not a whole number of 0 or more` });
    } else stock ??= Number(value);
  }
  if (availability === "out") stock = 0;
  stock ??= before?.stock;
  if (stock === undefined && errors.length === 0) {
    errors.push({ path: "inventory", message: "is required for a new product in stock" });
  }
  if (errors.length > 0) return { ok: false, errors };

  const attributes: Record<string, string> = { ...before?.attributes };
  for (const [column, lower] of ATTRIBUTE_COLUMNS) {
    if (row.has(column)) attributes[column] = lower ? row.get(column).toLowerCase() : row.get(column);
  }
  const { version: _v, updatedAt: _u, ...kept } = before ?? ({} as Partial<Product>);
  const description = row.get("description");
  return {
    ok: true,
    value: {
      ...kept,
      id,
      title: { ...before?.title, [locale]: title },
      ...(description || before?.description
        ? { description: { ...before?.description, ...(description ? { [locale]: description } : {}) } }
        : {}),
      price: (price as { ok: true; value: Money }).value,
      stock,
      category: row.has("product_type") ? categoryOf(row.get("product_type")) : (before?.category ?? ""),
      tags: before?.tags ?? [],
      attributes,
      ...(row.has("brand") ? { brand: row.get("brand") } : {}),
      ...(row.has("image_link") ? { imageUrl: row.get("image_link") } : {}),
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

const invalid = (message: string, details?: FieldError[]) =>
  new AppError("request.invalid", message, details);

/** Imports a feed into a shop; see the module comment. */
export async function importFeed(
  db: Db,
  shopId: string,
  csv: string,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const [products, mainLocale] = await Promise.all([
    listProducts(db, shopId),
    opts.mainLocale ?? (opts.locale ? "en" : getSettings(db, shopId).then((s) => s.defaultLocale)),
  ]);
  const existing = new Map(products.map((p) => [p.id, p]));
  const plan = planImport(csv, existing, { locale: opts.locale, mainLocale });
  const { failed } = await putProductsBatch(
    db,
    shopId,
    plan.writes.map((w) => w.product),
    { parallel: opts.parallel },
  );
  const notStored = new Set(failed);
  const results = [...plan.results];
  for (const w of plan.writes) {
    results.push(
      notStored.has(w.product.id)
        ? {
            line: w.line,
            id: w.product.id,
            status: "error",
            errors: [{ path: "line", message: "could not be stored (the table is busy): import it again" }],
          }
        : { line: w.line, id: w.product.id, status: w.status },
    );
  }
  results.sort((a, b) => a.line - b.line);
  const count = (s: ImportLineResult["status"]) => results.filter((r) => r.status === s).length;
  return {
    ...(opts.locale ? { locale: opts.locale } : {}),
    results,
    totals: {
      lines: results.length,
      created: count("created"),
      updated: count("updated"),
      errors: count("error"),
    },
  };
}
