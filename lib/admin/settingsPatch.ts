/**
 * `PATCH /api/admin/settings`: the Settings screen saves one section at a time (greeting, payment methods,
 * opening hours, handover rules, reminders, locales) without sending the rest back. The body holds only the
 * sections that change; `handover` and `cart` merge field by field into what is stored, other sections replace
 * it, and `null` removes an optional section (`greeting`, `hours`, `openingHours`, `cart`). The result is
 * validated whole, so every problem comes back at once with its field path (`handover.idleReleaseMinutes`), and
 * nothing is written unless all of it is valid. `If-Match` works as for PUT.
 */

import { parseSettings, settingsSchema } from "../catalog/schema";
import type { ShopSettings } from "../catalog/types";
import { AppError } from "../errors";
import { type HttpResponse, json } from "../http/respond";
import { log } from "../log";
import { getSettings, putSettings } from "../store/settings";
import { pushWelcome } from "../welcome/push";
import { etag, ifMatchOf, readJson } from "./body";
import type { Ctx } from "./routes";

const OPTIONAL = new Set(["greeting", "hours", "openingHours", "cart"]);
const MERGED = new Set(["handover", "cart"]);
const SECTIONS = new Set(Object.keys(settingsSchema.shape));

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The stored settings with the patch applied (pure); unknown or read-only keys are left for the schema. */
export function applySettingsPatch(
  current: ShopSettings,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const { version: _v, catalogVersion: _c, ...base } = current as ShopSettings & Record<string, unknown>;
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "version" || key === "updatedAt" || key === "catalogVersion") continue;
    if (value === null && OPTIONAL.has(key)) delete next[key];
    else if (MERGED.has(key) && isObject(value) && isObject(next[key]))
      next[key] = { ...(next[key] as Record<string, unknown>), ...value };
    else next[key] = value;
  }
  return next;
}

export async function patchShopSettings({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const body = readJson(req);
  if (!isObject(body)) {
    throw new AppError("request.invalid", "The body must be a JSON object of settings sections.", [
      { path: "", message: "must be an object" },
    ]);
  }
  const unknown = Object.keys(body).filter((k) => !SECTIONS.has(k));
  if (unknown.length > 0) {
    throw new AppError(
      "request.invalid",
      "The settings are not valid.",
      unknown.map((path) => ({ path, message: "unknown field" })),
    );
  }
  const current = await getSettings(deps.db, shopId);
  const parsed = parseSettings(applySettingsPatch(current, body));
  if (!parsed.ok) throw new AppError("request.invalid", "The settings are not valid.", parsed.errors);
  const settings = await putSettings(deps.db, shopId, parsed.value, ifMatchOf(req) ?? current.version);
  log.info("admin.settings_patched", { shopId, sections: Object.keys(body), version: settings.version });
  // the welcome surfaces follow every save, as with PUT (idempotent; a failure is recorded, the save stands)
  await pushWelcome(deps, shopId, settings);
  return json(200, settings, { etag: etag(settings.version) });
}
