import { str } from "../common/dom.js";
import { setError } from "./header.js";
import { randomToken } from "./ids.js";
import { deliver, metaJson } from "./signing.js";
import { config, state } from "./state.js";
import { userRow } from "./thread.js";

// ---------------------------------------------------------------- building deliveries
export function messengerDelivery(s, action) {
  const now = Date.now();
  const pageId = str(config.messenger.pageId);
  const mid = `m_${randomToken(40)}`;
  return {
    mid,
    payload: {
      object: "page",
      entry: [{ id: pageId, time: now, messaging: [metaEvent(s, action, pageId, mid, now)] }],
    },
  };
}

/** Instagram Direct: the Messenger shape, `object: "instagram"`, the professional account as recipient. */
export function instagramDelivery(s, action) {
  const now = Date.now();
  const accountId = str(config.instagram?.accountId);
  if (!accountId) throw new Error("/dev/chat/config has no instagram.accountId");
  const mid = `aWdfZAG1faXRlbT${randomToken(40)}`;
  const event = metaEvent(s, action, accountId, mid, now);
  return { mid, payload: { object: "instagram", entry: [{ id: accountId, time: now, messaging: [event] }] } };
}

function metaEvent(s, action, pageId, mid, now) {
  const event = { sender: { id: s.id }, recipient: { id: pageId }, timestamp: now };
  if (action.kind === "postback") {
    event.postback = { mid, title: action.title, payload: action.payload };
  } else {
    event.message = { mid, text: action.text !== undefined ? action.text : action.title };
    if (action.kind === "quick_reply") event.message.quick_reply = { payload: action.payload };
  }
  return event;
}

export function whatsappDelivery(s, action) {
  const wamid = `wamid.${randomToken(48)}`;
  const msg = { from: s.id, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)) };
  if (action.kind === "button_reply") {
    msg.type = "interactive";
    msg.interactive = { type: "button_reply", button_reply: { id: action.id, title: action.title } };
  } else if (action.kind === "list_reply") {
    const lr = { id: action.id, title: action.title };
    if (action.description) lr.description = action.description;
    msg.type = "interactive";
    msg.interactive = { type: "list_reply", list_reply: lr };
  } else {
    msg.type = "text";
    msg.text = { body: action.text };
  }
  const value = {
    messaging_product: "whatsapp",
    metadata: {
      display_phone_number: str(config.whatsapp.displayPhoneNumber),
      phone_number_id: str(config.whatsapp.phoneNumberId),
    },
    contacts: [{ profile: { name: "Test Shopper" }, wa_id: s.id }],
    messages: [msg],
  };
  return {
    mid: wamid,
    payload: {
      object: "whatsapp_business_account",
      entry: [{ id: "WABA_ID", changes: [{ field: "messages", value }] }],
    },
  };
}

export async function sendAction(channel, action) {
  const s = state[channel];
  const shown = action.kind === "text" ? action.text : action.title;
  if (!config) {
    setError(
      "send",
      "Not connected yet: /dev/chat/config has not loaded. Is the local stack running (npm start)?",
    );
    return;
  }
  const extra = action.kind === "list_reply" && action.description ? action.description : "";
  const { meta } = userRow(s, shown, extra);
  let delivery;
  try {
    const build = { messenger: messengerDelivery, instagram: instagramDelivery }[channel] || whatsappDelivery;
    delivery = build(s, action);
  } catch (e) {
    meta.dataset.status = "failed";
    setError("send", `Could not build the delivery: ${e?.message ? e.message : e}`);
    return;
  }
  s.sent.set(delivery.mid, { meta });
  const body = metaJson(delivery.payload);
  try {
    const res = await deliver(channel, body);
    if (res.status !== 200) {
      let detail = "";
      try {
        detail = (await res.text()).slice(0, 200);
      } catch {
        /* ignore */
      }
      meta.dataset.status = "failed";
      setError(
        "send",
        `POST /webhooks/${channel} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${detail ? `: ${detail}` : ""}`,
      );
      return;
    }
    if (meta.dataset.status === "sending") meta.dataset.status = "sent";
    setError("send", "");
  } catch (e) {
    meta.dataset.status = "failed";
    setError("send", `POST /webhooks/${channel} failed: ${e?.message ? e.message : e}`);
  }
}
