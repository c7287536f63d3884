import "./clock.js";
import { setError, showChannel } from "./header.js";
import { poll } from "./poll.js";
import { setConfig, state } from "./state.js";

// ---------------------------------------------------------------- start
export async function loadConfig() {
  try {
    const res = await fetch("/dev/chat/config", { cache: "no-store" });
    if (!res.ok) throw new Error(`answered ${res.status}`);
    const c = await res.json();
    if (!c?.messenger || !c.whatsapp || !c.instagram) throw new Error("unexpected shape");
    setConfig(c);
    setError("config", "");
  } catch (e) {
    setError(
      "config",
      `Cannot load /dev/chat/config (${e?.message ? e.message : e}). Is the local stack running (npm start)? Retrying…`,
    );
    setTimeout(loadConfig, 2000);
  }
}

showChannel(state.channel);
void loadConfig();
void poll();
