/**
 * Internal notes (docs/interface.md, Agent API): `GET|POST /conversations/{id}/notes` `{"text"}`. A note is for
 * the team only: it is stored beside the transcript (lib/store/notes.ts), never sent, never shown to the shopper.
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import { readJson } from "../http/body";
import { type HttpResponse, json } from "../http/respond";
import { addNote, listNotes } from "../store/notes";
import { type Ctx, load } from "./context";

const NoteBody = z.strictObject({
  text: z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters"),
});

async function list(ctx: Ctx): Promise<HttpResponse> {
  await load(ctx);
  return json(200, { items: await listNotes(ctx.deps.db, ctx.shopId, ctx.id) });
}

async function add(ctx: Ctx): Promise<HttpResponse> {
  const parsed = NoteBody.safeParse(readJson(ctx.req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The note is not valid.", fieldErrors(parsed.error));
  await load(ctx);
  const note = await addNote(ctx.deps.db, ctx.shopId, ctx.id, {
    at: new Date(ctx.now).toISOString(),
    agentId: ctx.agentId,
    text: parsed.data.text,
  });
  return json(201, note);
}

export const noteRoutes = { list, add };
