/**
 * The `message_templates` edge of a WhatsApp Business Account
 * (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/):
 * list (`GET`, paged with `paging.next`) and create (`POST`, answers `{id, status, category}`).
 * The message sender's Graph client only POSTs to `/messages`; this one reads too.
 */
import { z } from "zod/v4";
import { AppError } from "../errors";
import type { SyncedTemplate } from "../store/templates";

const MAX_PAGES = 10;
const TIMEOUT_MS = 5000;

const ListPage = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: z.string(),
      language: z.string(),
      status: z.string(),
      category: z.string(),
      components: z.array(z.unknown()).optional(),
      rejected_reason: z.string().optional(),
    }),
  ),
  paging: z.looseObject({ next: z.string().optional() }).optional(),
});

const Created = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  category: z.string().optional(),
});

async function call(url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new AppError("templates.graph_unavailable", `Graph did not answer: ${(e as Error).name}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) {
    const err = (body as { error?: { message?: string; code?: number } })?.error;
    throw new AppError("templates.graph_refused", `Graph refused: ${err?.message ?? res.status}`, {
      status: res.status,
      code: err?.code,
    });
  }
  return body;
}

export interface TemplateGraph {
  list(): Promise<SyncedTemplate[]>;
  create(body: Record<string, unknown>): Promise<{ id: string; status: string; category?: string }>;
}

export function templateGraph(graphUrl: string, wabaId: string, token: string): TemplateGraph {
  const base = `${graphUrl}/${encodeURIComponent(wabaId)}/message_templates`;
  return {
    async list() {
      const out: SyncedTemplate[] = [];
      let url: string | undefined =
        `${base}?fields=id,name,language,status,category,components,rejected_reason&limit=100`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const parsed = ListPage.safeParse(await call(url, token));
        if (!parsed.success) throw new AppError("templates.graph_refused", "Graph answered an unknown list.");
        for (const t of parsed.data.data) {
          out.push({
            ...(t.id && { id: t.id }),
            name: t.name,
            language: t.language,
            status: t.status,
            category: t.category,
            ...(t.components && { components: t.components }),
            ...(t.rejected_reason && t.rejected_reason !== "NONE" && { rejectedReason: t.rejected_reason }),
          });
        }
        url = parsed.data.paging?.next;
      }
      return out;
    },
    async create(body) {
      const parsed = Created.safeParse(
        await call(base, token, { method: "POST", body: JSON.stringify(body) }),
      );
      if (!parsed.success) throw new AppError("templates.graph_refused", "Graph answered an unknown create.");
      return { id: parsed.data.id, status: parsed.data.status ?? "PENDING", category: parsed.data.category };
    },
  };
}
