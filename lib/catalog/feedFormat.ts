/**
 * Reading a feed file as merchants have it, before any line becomes a product: the encoding (UTF-8, or the
 * UTF-16 Excel writes for "Unicode text"), the delimiter (comma, tab or semicolon: sniffed from the header
 * line, or a tab when the request says `text/tab-separated-values`), Meta's description rows (the template
 * as downloaded from Commerce Manager starts with a row of `# Required | …` cells, localised: `# Obligatoire`,
 * `# Обязательно`, …), and the header's names, matched case-insensitively against Meta's and Google Merchant
 * Center's names and common aliases (`ID`, `Title`, `Image`, `g:price`, `Sale Price`, `image url`).
 *
 * Whole-file problems are thrown as `request.invalid` with a message naming the real cause (an Excel
 * workbook, an XML feed, another platform's export, a header without the needed columns and what it has).
 *
 * Column names: https://developers.facebook.com/docs/commerce-platform/catalog/fields and
 * https://support.google.com/merchants/answer/7052112
 */
import { AppError } from "../errors";
import { type CsvRecord, parseCsv } from "./csv";
import type { FieldError } from "./schema";

/** The columns the import reads, by their Meta / Merchant Center name. */
export type Column =
  | "id"
  | "title"
  | "description"
  | "availability"
  | "price"
  | "sale_price"
  | "sale_price_effective_date"
  | "image_link"
  | "additional_image_link"
  | "item_group_id"
  | "brand"
  | "product_type"
  | "google_product_category"
  | "fb_product_category"
  | "inventory"
  | "quantity_to_sell_on_facebook"
  | "size"
  | "color"
  | "material"
  | "pattern"
  | "gender";

/**
 * Header names → column, after {@link headerKey} (lower case, `g:` dropped, spaces and hyphens as `_`).
 * `quantity` is deliberately absent: in real feeds it is as often a pack size ("100 ML") as a stock count.
 */
const ALIASES: Record<Column, string[]> = {
  id: ["id", "sku", "item_id", "offer_id", "product_id", "retailer_id", "content_id"],
  title: ["title", "name", "product_name", "item_title", "product_title"],
  description: ["description", "item_description", "product_description", "body"],
  availability: ["availability", "stock_status", "availability_status"],
  price: ["price", "regular_price", "list_price"],
  sale_price: ["sale_price", "saleprice", "special_price", "discount_price"],
  sale_price_effective_date: ["sale_price_effective_date"],
  image_link: ["image_link", "image", "image_url", "imageurl", "main_image", "main_image_url", "picture"],
  additional_image_link: [
    "additional_image_link",
    "additional_image_links",
    "additional_image_url",
    "additional_images",
    "image_links",
  ],
  item_group_id: ["item_group_id", "group_id", "parent_id", "parent_sku", "variant_group_id"],
  brand: ["brand", "manufacturer", "vendor"],
  product_type: ["product_type", "category", "product_category", "type", "collection"],
  google_product_category: ["google_product_category", "google_category", "gpc"],
  fb_product_category: ["fb_product_category", "facebook_product_category"],
  inventory: [
    "inventory",
    "stock",
    "stock_quantity",
    "inventory_quantity",
    "qty_in_stock",
    "quantity_in_stock",
  ],
  quantity_to_sell_on_facebook: ["quantity_to_sell_on_facebook"],
  size: ["size"],
  color: ["color", "colour"],
  material: ["material"],
  pattern: ["pattern"],
  gender: ["gender"],
};

const BY_ALIAS = new Map<string, Column>(
  (Object.entries(ALIASES) as Array<[Column, string[]]>).flatMap(([col, names]) =>
    names.map((n) => [n, col] as [string, Column]),
  ),
);

/** "Sale Price" → "sale_price", "g:image_link" → "image_link", "Image-URL" → "image_url". */
export const headerKey = (name: string): string =>
  name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/^g:/, "")
    .replace(/[\s-]+/g, "_");

export type Delimiter = "," | "\t" | ";";

export interface FeedTable {
  delimiter: Delimiter;
  /** the header's columns: the index of each column the import reads (the first of repeated aliases) */
  columns: Map<Column, number>;
  /** the header as written */
  header: string[];
  /** the physical line of the header (after description rows) */
  headerLine: number;
  /** description rows skipped (Meta's template has one) */
  skipped: number;
  records: CsvRecord[];
}

const invalid = (message: string, details?: FieldError[]) =>
  new AppError("request.invalid", message, details);

/**
 * The body's bytes as text. UTF-8 (a BOM is fine); UTF-16 with a BOM (Excel's "Unicode text", which is
 * tab-separated) is decoded too. An Excel workbook or any other binary is refused with what it is.
 */
export function decodeFeed(bytes: Uint8Array): string {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw invalid(
      "This is an Excel workbook (.xlsx) or another zip file, not a text feed: save it as CSV UTF-8 or as tab-separated text and upload that.",
    );
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw invalid(
      "This is an old Excel workbook (.xls), not a text feed: save it as CSV UTF-8 or as tab-separated text.",
    );
  }
  let encoding = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (e) {
    throw new AppError(
      "request.invalid",
      "The file is not UTF-8 text (perhaps Windows-1252 or another legacy encoding): save it as CSV UTF-8 and upload it again.",
      undefined,
      { cause: e },
    );
  }
}

/** A description row of Meta's template: its cells start with `#` (in any language). */
const isDescriptionRow = (fields: string[]): boolean =>
  (fields[0] ?? "")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("#");

/** Counts a character outside double quotes on one physical line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter of the header line: the first line that is not a description row. Tab wins when the header
 * has tabs (names never contain them); otherwise comma or semicolon, whichever splits it more.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const header = lines.find((l) => l.trim() !== "" && !/^\s*"?#/.test(l)) ?? "";
  if (countOutsideQuotes(header, "\t") > 0) return "\t";
  return countOutsideQuotes(header, ";") > countOutsideQuotes(header, ",") ? ";" : ",";
}

/** Other platforms' exports, recognised by their header, so the error says what the file is. */
const KNOWN_EXPORTS: Array<[RegExp, string]> = [
  [/^handleid$/, "a Wix product export (handleId, fieldType, …)"],
  [/^handle$/, "a Shopify product export (Handle, Variant Price, …)"],
  [/^post_title$|^post_id$/, "a WooCommerce/WordPress export"],
];

/**
 * Splits the feed into its header and records. Throws `request.invalid` naming the cause when the file as
 * a whole cannot be a product feed.
 */
export function readFeedTable(
  text: string,
  opts: { delimiter?: Delimiter; required: Column[]; oneOf?: Column[] },
): FeedTable {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head === "") throw invalid("The feed is empty: it needs a header line and product lines.");
  if (head.startsWith("<")) {
    throw invalid(
      "This is an XML feed (RSS/Atom), not CSV or TSV: export the catalogue as CSV or tab-separated text, or upload Meta's CSV template.",
    );
  }
  if (head.startsWith("{") || head.startsWith("[")) {
    throw invalid(
      "This is JSON, not a CSV or TSV feed: send products as JSON with PUT /api/admin/products/{id}.",
    );
  }
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  const records = parseCsv(text, delimiter);
  let skipped = 0;
  while (records[0] && isDescriptionRow(records[0].fields)) {
    records.shift();
    skipped++;
  }
  const headerRecord = records.shift();
  if (!headerRecord) {
    throw invalid(
      skipped > 0
        ? "The feed has only the template's description row (# Required | …): the header line (id, title, …) and product lines are missing."
        : "The feed is empty: it needs a header line and product lines.",
    );
  }
  if (headerRecord.error) throw invalid(`The header line is broken: ${headerRecord.error}.`);
  const header = headerRecord.fields;
  const columns = new Map<Column, number>();
  header.forEach((name, index) => {
    const column = BY_ALIAS.get(headerKey(name));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing: string[] = opts.required.filter((c) => !columns.has(c));
  if (opts.oneOf && !opts.oneOf.some((c) => columns.has(c))) missing.push(opts.oneOf.join(" or "));
  if (missing.length > 0) {
    const keys = header.map(headerKey);
    const known = KNOWN_EXPORTS.find(([re]) => keys.some((k) => re.test(k)))?.[1];
    const shown = header
      .slice(0, 12)
      .map((h) => h.trim())
      .join(", ");
    const cause = known
      ? ` This looks like ${known}, not a Meta or Google Merchant Center feed.`
      : header.length === 1 && delimiter !== "\t"
        ? " The header is a single column: is the file separated by something other than commas, tabs or semicolons?"
        : "";
    throw invalid(
      `The feed's header (line ${headerRecord.line}) lacks ${missing.join(", ")}; it has: ${shown}${header.length > 12 ? ", …" : ""}.${cause}`,
      missing.map((c) => ({ path: "header", message: `missing column: ${c}` })),
    );
  }
  return { delimiter, columns, header, headerLine: headerRecord.line, skipped, records };
}
