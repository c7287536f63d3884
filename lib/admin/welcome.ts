/**
 * The welcome surfaces in the admin API (lib/welcome/):
 * - `GET /api/admin/welcome`: what Chatcart sets from the current settings (`surfaces`, the Graph bodies per
 *   channel) and what each channel last got with Meta's answer (`live`);
 * - `POST /api/admin/welcome`: pushes them again (the settings save does it too) and answers as GET does.
 */
import { type HttpResponse, json } from "../http/respond";
import { getSettings } from "../store/settings";
import { getWelcomeLive, pushWelcome, type WelcomeDeps } from "../welcome/push";
import { buildWelcomeSurfaces } from "../welcome/surfaces";

export async function showWelcome(deps: WelcomeDeps, shopId: string): Promise<HttpResponse> {
  const [settings, live] = await Promise.all([getSettings(deps.db, shopId), getWelcomeLive(deps.db, shopId)]);
  return json(200, {
    enabled: settings.welcome?.enabled !== false,
    surfaces: buildWelcomeSurfaces(settings),
    live,
  });
}

export async function pushWelcomeNow(deps: WelcomeDeps, shopId: string): Promise<HttpResponse> {
  await pushWelcome(deps, shopId, await getSettings(deps.db, shopId));
  return showWelcome(deps, shopId);
}
