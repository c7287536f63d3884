/**
 * The admin API (docs/interface.md): bearer auth with an admin token on every route, then a small route table.
 * Handlers parse and validate, call lib/store, lib/catalog or lib/orders, and shape the response; no business
 * rule lives here (which status may follow which is lib/orders/types.ts, telling the shopper is
 * lib/orders/notify.ts). `GET /analytics` is the funnel per traffic source and day (lib/analytics).
 */
import { z } from "zod/v4";
import { parseAnalyticsQuery } from "../analytics/query";
import { loadReport } from "../analytics/report";
import { fieldErrors, type Parsed, parseAnswer, parseProduct, parseSettings } from "../catalog/schema";
import type { Answer, Product } from "../catalog/types";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { apiErrorResponse, dispatch, notFound, type Route } from "../http/router";
import { log } from "../log";
import { ORDER_ID_PATTERN } from "../orders/ids";
import type { NotifyDeps } from "../orders/notify";
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
import { getOrder, listOrders } from "../store/orders";
import { getSettings, putSettings } from "../store/settings";
import { authenticatePrincipal } from "../store/tokens";
import { listUnanswered } from "../store/unanswered";
import { pushWelcome } from "../welcome/push";
import { etag, ifMatchOf, readJson } from "./body";
import { bulkDelete, getImport, importProducts, listImports, undoImport } from "./imports";
import { outboundByDay } from "./messageCosts";
import { orderNotifications } from "./notifications";
import { orderActions, withUndo } from "./orderActions";
import { productGroups } from "./productGroups";
import { checkCurrency, patchProduct } from "./productPatch";
import { patchShopSettings } from "./settingsPatch";
import { listTemplates, submitTemplates } from "./templates";
import { tokens } from "./tokens";
import { unansweredActions } from "./unansweredActions";
import { pushWelcomeNow, showWelcome } from "./welcome";

/** `graph` and `directory` send the order updates to shoppers. */
export interface AdminDeps extends NotifyDeps {
  config: Pick<Config, "secrets">;
  /** epoch ms; tests pass their own */
  now?: () => number;
}

/** What every admin handler gets (the handlers in lib/admin/*.ts share it). */
export interface Ctx {
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

async function getShopSettings({ deps, shopId }: Ctx): Promise<HttpResponse> {
  const settings = await getSettings(deps.db, shopId);
  return json(200, settings, { etag: etag(settings.version) });
}

async function putShopSettings({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const parsed = parseSettings(readJson(req));
  if (!parsed.ok) throw new AppError("request.invalid", "The settings are not valid.", parsed.errors);
  const settings = await putSettings(deps.db, shopId, parsed.value, ifMatchOf(req));
  log.info("admin.settings_put", { shopId, version: settings.version });
  // the welcome surfaces follow every save (idempotent; a failure is recorded, the save stands)
  await pushWelcome(deps, shopId, settings);
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

/** `GET /orders?status=&limit=&cursor=`: newest first, `{items, next?}`. */
async function listShopOrders({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const parsed = OrderListQuery.safeParse(req.query);
  if (!parsed.success) throw invalid("The order list query is not valid.", parsed.error);
  const page = await listOrders(deps.db, shopId, parsed.data);
  return json(200, { items: page.items, ...(page.next && { next: page.next }) });
}

/** An id that cannot be an order id (ORDER_ID_PATTERN) is simply not found, like an unknown one. */
export async function loadOrder({ deps, shopId, id }: Ctx) {
  const order = ORDER_ID_PATTERN.test(id) ? await getOrder(deps.db, shopId, id) : undefined;
  if (!order) throw notFound(`No order ${id}.`);
  return order;
}

async function getShopOrder(ctx: Ctx): Promise<HttpResponse> {
  return json(200, withUndo(await loadOrder(ctx), ctx.now));
}

/** `GET /orders/{id}/notifications`: what the shopper was sent about the order and what became of it. */
async function shopOrderNotifications(ctx: Ctx): Promise<HttpResponse> {
  await loadOrder(ctx);
  return json(200, await orderNotifications(ctx.deps.db, ctx.shopId, ctx.id));
}

// ---------------------------------------------------------------- analytics

/**
 * `GET /analytics?from=&to=&source=`: the funnel (conversations, product views, add-to-cart, checkouts,
 * orders, revenue, handovers) per traffic source and per UTC day, the last 30 days by default.
 */
async function analytics({ req, deps, shopId, now }: Ctx): Promise<HttpResponse> {
  const parsed = parseAnalyticsQuery(req.query, now);
  if (!parsed.ok) throw new AppError("request.invalid", "The analytics query is not valid.", parsed.errors);
  const report = await loadReport(deps.db, shopId, parsed.value);
  // outbound messages per day and cost category (lib/outbound), beside the funnel
  return json(200, { ...report, messages: await outboundByDay(deps.db, shopId, parsed.value) });
}

/** Path segments (`:id` matches any one segment) → handlers by method. First match by path and method wins. */
const ROUTES: Array<Route<Ctx>> = [
  [["products"], { GET: products.list }],
  [["products", "import"], { POST: importProducts }],
  [["products", "delete"], { POST: bulkDelete }],
  [["imports"], { GET: listImports }],
  [["imports", ":id"], { GET: getImport }],
  [["imports", ":id", "undo"], { POST: undoImport }],
  [
    ["products", ":id"],
    { GET: products.get, PUT: products.put, PATCH: patchProduct, DELETE: products.delete },
  ],
  [["product-groups", ":id"], { GET: productGroups.get, PUT: productGroups.put }],
  [["answers"], { GET: answers.list }],
  [["answers", ":id"], { GET: answers.get, PUT: answers.put, DELETE: answers.delete }],
  [
    ["welcome"],
    {
      GET: ({ deps, shopId }) => showWelcome(deps, shopId),
      POST: ({ deps, shopId }) => pushWelcomeNow(deps, shopId),
    },
  ],
  [["settings"], { GET: getShopSettings, PUT: putShopSettings, PATCH: patchShopSettings }],
  [["unanswered"], { GET: unanswered }],
  [["unanswered", ":id"], { DELETE: unansweredActions.dismiss }],
  [["unanswered", ":id", "answer"], { POST: unansweredActions.toAnswer }],
  [["orders"], { GET: listShopOrders }],
  [["orders", ":id"], { GET: getShopOrder, PATCH: orderActions.patch }],
  [["orders", ":id", "undo"], { POST: orderActions.undo }],
  [["analytics"], { GET: analytics }],
  [["orders", ":id", "notifications"], { GET: shopOrderNotifications }],
  [["tokens"], { GET: tokens.list, POST: tokens.create }],
  [["tokens", ":id"], { DELETE: tokens.revoke }],
  [
    ["templates"],
    {
      GET: (c: Ctx) => listTemplates(c.deps, c.shopId, c.now),
      POST: (c: Ctx) => submitTemplates(c.req, c.deps, c.shopId, c.now),
    },
  ],
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
