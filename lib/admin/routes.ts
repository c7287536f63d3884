/**
 * The admin API (docs/interface.md): bearer auth with an admin token on every route, then a small route table.
 * Handlers parse and validate, call lib/store, lib/catalog or lib/orders, and shape the response; no business
 * rule lives here (which status may follow which is lib/orders/types.ts, telling the shopper is
 * lib/orders/notify.ts). `GET /analytics` is the funnel per traffic source and day (lib/analytics).
 */
import { z } from "zod/v4";
import { parseAnalyticsQuery } from "../analytics/query";
import { loadReport } from "../analytics/report";
import { importFeed } from "../catalog/import";
import { fieldErrors, type Parsed, parseAnswer, parseProduct, parseSettings } from "../catalog/schema";
import type { Answer, Product } from "../catalog/types";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { apiErrorResponse, dispatch, notFound, type Route } from "../http/router";
import { isLocale } from "../i18n";
import { log } from "../log";
import { ORDER_ID_PATTERN } from "../orders/ids";
import { type NotifyDeps, notifyOrderChange } from "../orders/notify";
import { ORDER_STATUSES } from "../orders/types";
import { ANSWER, getAnswer, listAnswers, putAnswer } from "../store/answers";
import {
  deleteVersioned,
  getProduct,
  type IfMatch,
  listProducts,
  PRODUCT,
  type PutResult,
  putProduct,
  type VersionedKind,
} from "../store/catalog";
import type { Db } from "../store/client";
import { changeOrderStatus, getOrder, listOrders } from "../store/orders";
import { getSettings, putSettings } from "../store/settings";
import { authenticatePrincipal } from "../store/tokens";
import { listUnanswered } from "../store/unanswered";
import { etag, ifMatchOf, MAX_CSV_BYTES, readJson, readText } from "./body";
import { checkCurrency, patchProduct } from "./productPatch";

/** `graph` and `directory` send the order updates to shoppers. */
export interface AdminDeps extends NotifyDeps {
  config: Pick<Config, "secrets">;
  /** epoch ms; tests pass their own */
  now?: () => number;
}

interface Ctx {
  req: HttpRequest;
  deps: AdminDeps;
  shopId: string;
  /** who made a change: `admin-` and the first 16 hex digits of the token's SHA-256 (stable, no secret) */
  adminId: string;
  /** the `:id` segment of the route, decoded */
  id: string;
  now: number;
}

const PREFIX = "/api/admin/";

const noContent = (): HttpResponse => ({
  statusCode: 204,
  headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" },
});

/** The handlers of one versioned kind (products, answers): list, get, put, delete. */
function versionedRoutes<T extends { id: string; version?: number }>(o: {
  kind: VersionedKind;
  list(db: Db, shopId: string): Promise<T[]>;
  get(db: Db, shopId: string, id: string): Promise<T | undefined>;
  put(db: Db, shopId: string, value: T, ifMatch?: IfMatch): Promise<PutResult<T>>;
  parse(value: unknown): Parsed<T>;
  /** a check that needs the shop (a product's currency) */
  check?(db: Db, shopId: string, value: T): Promise<void>;
  matches(item: T, q: string): boolean;
}) {
  const noun = o.kind.noun;
  return {
    async list({ req, deps, shopId }: Ctx) {
      let items = await o.list(deps.db, shopId);
      const q = req.query.q?.trim().toLowerCase();
      if (q) items = items.filter((i) => o.matches(i, q));
      return json(200, { items });
    },
    async get({ deps, shopId, id }: Ctx) {
      const item = await o.get(deps.db, shopId, id);
      if (!item) throw notFound(`No ${noun} ${id}.`);
      return json(200, item, { etag: etag(item.version) });
    },
    async put({ req, deps, shopId, id }: Ctx) {
      const body = readJson(req);
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        throw new AppError("request.invalid", `The body must be a JSON object (a ${noun}).`, [
          { path: "", message: "must be an object" },
        ]);
      }
      const record = body as Record<string, unknown>;
      if (record.id === undefined) record.id = id;
      else if (record.id !== id) {
        throw new AppError("request.invalid", `The ${noun}'s id must match the path.`, [
          { path: "id", message: `must be "${id}", the id in the path` },
        ]);
      }
      const parsed = o.parse(record);
      if (!parsed.ok) throw new AppError("request.invalid", `The ${noun} is not valid.`, parsed.errors);
      await o.check?.(deps.db, shopId, parsed.value);
      const { item, created } = await o.put(deps.db, shopId, parsed.value, ifMatchOf(req));
      log.info(`admin.${noun}_put`, { shopId, id, version: item.version, created });
      return json(created ? 201 : 200, item, {
        etag: etag(item.version),
        ...(created ? { location: `${PREFIX}${noun}s/${encodeURIComponent(id)}` } : {}),
      });
    },
    async delete({ req, deps, shopId, id }: Ctx) {
      const deleted = await deleteVersioned(deps.db, o.kind, shopId, id, ifMatchOf(req));
      if (!deleted) throw notFound(`No ${noun} ${id}.`);
      log.info(`admin.${noun}_deleted`, { shopId, id });
      return noContent();
    },
  };
}

const textIncludes = (texts: Partial<Record<string, string>> | undefined, q: string) =>
  Object.values(texts ?? {}).some((t) => t?.toLowerCase().includes(q));

const products = versionedRoutes<Product>({
  kind: PRODUCT,
  list: listProducts,
  get: getProduct,
  put: putProduct,
  parse: parseProduct,
  check: checkCurrency,
  matches: (p, q) => p.id.toLowerCase().includes(q) || textIncludes(p.title, q),
});

const answers = versionedRoutes<Answer>({
  kind: ANSWER,
  list: listAnswers,
  get: getAnswer,
  put: putAnswer,
  parse: parseAnswer,
  matches: (a, q) =>
    a.id.toLowerCase().includes(q) ||
    textIncludes(a.answer, q) ||
    Object.values(a.questions).some((qs) => qs?.some((s) => s.toLowerCase().includes(q))),
});

async function importProducts({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const locale = req.query.locale;
  if (locale !== undefined && !isLocale(locale)) {
    throw new AppError("request.invalid", "Unknown locale for a language feed.", [
      { path: "locale", message: "must be one of en, ar, zh, tl, id" },
    ]);
  }
  const csv = readText(req, { types: ["text/csv"], maxBytes: MAX_CSV_BYTES });
  const started = Date.now();
  const report = await importFeed(deps.db, shopId, csv, { locale });
  log.info("admin.import", { shopId, locale, ...report.totals, ms: Date.now() - started });
  return json(200, report);
}

async function getShopSettings({ deps, shopId }: Ctx): Promise<HttpResponse> {
  const settings = await getSettings(deps.db, shopId);
  return json(200, settings, { etag: etag(settings.version) });
}

async function putShopSettings({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const parsed = parseSettings(readJson(req));
  if (!parsed.ok) throw new AppError("request.invalid", "The settings are not valid.", parsed.errors);
  const settings = await putSettings(deps.db, shopId, parsed.value, ifMatchOf(req));
  log.info("admin.settings_put", { shopId, version: settings.version });
  return json(200, settings, { etag: etag(settings.version) });
}

async function unanswered({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const raw = req.query.limit;
  const limit = raw === undefined ? 50 : /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= 200)) {
    throw new AppError("request.invalid", "limit must be a whole number from 1 to 200.", [
      { path: "limit", message: "must be a whole number from 1 to 200" },
    ]);
  }
  return json(200, { items: await listUnanswered(deps.db, shopId, limit) });
}

// ---------------------------------------------------------------- orders

const invalid = (message: string, error: z.ZodError) =>
  new AppError("request.invalid", message, fieldErrors(error));

const OrderListQuery = z.object({
  status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(", ")}` }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
    .transform(Number)
    .pipe(z.number().min(1, "must be from 1 to 100").max(100, "must be from 1 to 100"))
    .optional(),
  cursor: z.string().min(1).max(2048, "is not a cursor this API gave out").optional(),
});

const OrderPatch = z.strictObject({
  status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(", ")}` }),
});

/** `GET /orders?status=&limit=&cursor=`: newest first, `{items, next?}`. */
async function listShopOrders({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const parsed = OrderListQuery.safeParse(req.query);
  if (!parsed.success) throw invalid("The order list query is not valid.", parsed.error);
  const page = await listOrders(deps.db, shopId, parsed.data);
  return json(200, { items: page.items, ...(page.next && { next: page.next }) });
}

/** An id that cannot be an order id (ORDER_ID_PATTERN) is simply not found, like an unknown one. */
async function loadOrder({ deps, shopId, id }: Ctx) {
  const order = ORDER_ID_PATTERN.test(id) ? await getOrder(deps.db, shopId, id) : undefined;
  if (!order) throw notFound(`No order ${id}.`);
  return order;
}

async function getShopOrder(ctx: Ctx): Promise<HttpResponse> {
  return json(200, await loadOrder(ctx));
}

/**
 * `PATCH /orders/{id}` `{"status": …}`: the move NEXT_STATUSES allows (409 `order.invalid_transition`
 * otherwise, with `details: {from, to}`), then the shopper is told when the window allows. A failed or
 * impossible notification is recorded on the history entry; the status change stands either way.
 */
async function patchShopOrder(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, adminId, now } = ctx;
  const parsed = OrderPatch.safeParse(readJson(req));
  if (!parsed.success) throw invalid("The order change is not valid.", parsed.error);
  if (!ORDER_ID_PATTERN.test(ctx.id)) throw notFound(`No order ${ctx.id}.`);
  const to = parsed.data.status;
  const order = await changeOrderStatus(deps.db, shopId, ctx.id, to, {
    at: new Date(now).toISOString(),
    by: adminId,
  });
  log.info("admin.order_status", { shopId, orderId: order.orderId, status: to, by: adminId });
  const index = order.history.length - 1;
  const { notified, reason } = await notifyOrderChange(deps, order, index, now);
  const history = order.history.map((entry, i) =>
    i === index ? { ...entry, notified, ...(reason && { reason }) } : entry,
  );
  return json(200, { ...order, history });
}

// ---------------------------------------------------------------- analytics

/**
 * `GET /analytics?from=&to=&source=`: the funnel (conversations, product views, add-to-cart, checkouts,
 * orders, revenue, handovers) per traffic source and per UTC day, the last 30 days by default.
 */
async function analytics({ req, deps, shopId, now }: Ctx): Promise<HttpResponse> {
  const parsed = parseAnalyticsQuery(req.query, now);
  if (!parsed.ok) throw new AppError("request.invalid", "The analytics query is not valid.", parsed.errors);
  return json(200, await loadReport(deps.db, shopId, parsed.value));
}

/** Path segments (`:id` matches any one segment) → handlers by method. First match by path and method wins. */
const ROUTES: Array<Route<Ctx>> = [
  [["products"], { GET: products.list }],
  [["products", "import"], { POST: importProducts }],
  [
    ["products", ":id"],
    { GET: products.get, PUT: products.put, PATCH: patchProduct, DELETE: products.delete },
  ],
  [["answers"], { GET: answers.list }],
  [["answers", ":id"], { GET: answers.get, PUT: answers.put, DELETE: answers.delete }],
  [["settings"], { GET: getShopSettings, PUT: putShopSettings }],
  [["unanswered"], { GET: unanswered }],
  [["orders"], { GET: listShopOrders }],
  [["orders", ":id"], { GET: getShopOrder, PATCH: patchShopOrder }],
  [["analytics"], { GET: analytics }],
];

/** Answers one admin API request; never throws. */
export async function handleAdmin(req: HttpRequest, deps: AdminDeps): Promise<HttpResponse> {
  try {
    // Authentication comes before routing, so without a token nothing, not even which routes exist, shows.
    const principal = await authenticatePrincipal(deps.db, req.headers.authorization, "admin", deps.config);
    const now = deps.now?.() ?? Date.now();
    const adminId = `admin-${principal.tokenId}`;
    return await dispatch(req, PREFIX, ROUTES, (id) => ({
      req,
      deps,
      shopId: principal.shopId,
      adminId,
      id,
      now,
    }));
  } catch (e) {
    return apiErrorResponse(e);
  }
}
