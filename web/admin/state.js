import { $ } from "../common/dom.js";

// ---------------------------------------------------------------- state
export const state = {
  token: "",
  settings: null,
  products: null,
  answers: null,
  unanswered: null,
  productSearch: "",
  answerSearch: "",
  showAll: false,
  importText: "",
  importFile: "",
  importLocale: "",
  importResult: null,
  importBusy: false,
  draftAnswer: null,
  orders: null,
  ordersNext: "",
  orderFilter: "",
  analytics: null,
  analyticsRange: { from: "", to: "" },
  analyticsSource: "",
  route: { tab: "products" },
};
export const view = $("view");
export const msgEl = $("message");
