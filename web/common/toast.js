/**
 * The status line both staff pages show (admin: under the tabs, inbox: a toast at the foot of the list): one
 * message at a time, of a kind (`ok`, `info`, `error`, styled in common/staff.css), with a close button, fading
 * after `fadeMs` when given.
 */
import { h, svgIcon } from "./dom.js";

export const CLOSE_ICON =
  "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";

/** show(kind, nodes, fadeMs), hide() and closeButton() for the status element `el`. */
export function toaster(el) {
  let timer = 0;
  const hide = () => {
    clearTimeout(timer);
    el.hidden = true;
    el.replaceChildren();
    delete el.dataset.kind;
  };
  const show = (kind, nodes, fadeMs = 0) => {
    clearTimeout(timer);
    el.dataset.kind = kind;
    el.replaceChildren(...nodes);
    el.hidden = false;
    if (fadeMs) timer = setTimeout(hide, fadeMs);
  };
  const closeButton = () =>
    h(
      "button",
      { class: "icon-btn", type: "button", "aria-label": "Dismiss", onclick: hide },
      svgIcon(CLOSE_ICON),
    );
  return { show, hide, closeButton };
}
