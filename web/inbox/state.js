import { $ } from "../common/dom.js";

// ---------------------------------------------------------------- state
export const state = {
  token: "",
  filter: "waiting",
  lists: { waiting: null, agent: null, bot: null },
  listSig: "",
  openId: "",
  detail: null,
  detailSig: "",
  /** what the cart and orders panel last showed, so a poll that changed nothing leaves it alone */
  panelSig: "",
  /** orders expanded in the open conversation (kept across polls) */
  openOrders: new Set(),
  /** the cart and orders panel unfolded on a phone */
  panelOpen: false,
  rendered: [],
  lastDay: "",
  lastAuthor: "",
  busy: false,
  pollTimer: 0,
  polling: false,
  openSeq: 0,
  drafts: new Map(),
  /** this token's agent id (`agent-` + 16 hex of its SHA-256, as lib/agent/routes.ts names it) */
  me: "",
};
export const msgEl = $("message");
export const transcript = $("transcript");
export const composer = $("composer");
