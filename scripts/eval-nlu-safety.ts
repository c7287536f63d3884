/**
 * The safety half of `npm run eval:nlu` (issue 11): held-out negatives for each state-changing intent in five
 * languages (eval/nlu/negatives.json: messages that must not add to the cart, check out, cancel an order, opt
 * out or hand over as a complaint), printed as false-positive rates; and multi-turn follow-ups
 * (eval/nlu/followups.json: a product named, then a follow-up without it), resolved against the subject the
 * way the router does it (lib/turn/subject.ts). Aggregates only: the messages stay held out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Answer, Product } from "../lib/catalog/types";
import { catalogue } from "../lib/content/replies";
import { LOCALES, type Locale } from "../lib/i18n";
import { type Intent, type NluIndex, understand } from "../lib/nlu";
import { DEFAULT_SETTINGS } from "../lib/store/settings";
import { withSubject } from "../lib/turn/subject";

export const SAFETY_TARGET = { falsePositive: 0.01, followUps: 0.9 };
const STATE_CHANGING: readonly Intent[] = ["add_to_cart", "checkout", "cancel_order", "stop", "complaint"];

interface Negative {
  locale: Locale;
  text: string;
  not: Intent;
}
interface FollowUp {
  locale: Locale;
  turns: string[];
  group: string;
}

const pct = (k: number, n: number) => (n === 0 ? "   –  " : `${((100 * k) / n).toFixed(1).padStart(5)}%`);

/** Prints the tables; returns the targets missed. */
export function evalSafety(root: string, products: Product[], answers: Answer[], index: NluIndex): string[] {
  const read = <T>(p: string) => JSON.parse(readFileSync(join(root, p), "utf8")) as T;
  const negatives = read<Negative[]>("eval/nlu/negatives.json");
  const followUps = read<FollowUp[]>("eval/nlu/followups.json");
  const missed: string[] = [];
  const ctx = (locale: Locale) => ({ index, locale, allowed: [...LOCALES], fallback: "en" as const });

  // A state change acted on: the intent itself, not asked back first (an ask-back changes nothing).
  const acted = (text: string, locale: Locale, intent: Intent) => {
    const u = understand(text, ctx(locale));
    return u.intent === intent && !u.confirm;
  };
  console.log(
    `\nheld-out negatives (${negatives.length}): false positives, state changed without being asked`,
  );
  console.log(`${"set".padEnd(8)}  ${STATE_CHANGING.map((i) => i.padStart(13)).join("")}      all`);
  let fp = 0;
  for (const locale of LOCALES) {
    const cells: string[] = [];
    let k = 0;
    let n = 0;
    for (const intent of STATE_CHANGING) {
      const set = negatives.filter((x) => x.locale === locale && x.not === intent);
      const bad = set.filter((x) => acted(x.text, locale, intent)).length;
      cells.push(`${bad}/${set.length}`.padStart(13));
      k += bad;
      n += set.length;
    }
    fp += k;
    console.log(`${locale.padEnd(8)}  ${cells.join("")}  ${pct(k, n)}`);
  }
  // Every state-changing intent is also checked against every negative: a message of one set must not
  // trigger any of the five.
  let cross = 0;
  for (const x of negatives) if (STATE_CHANGING.some((i) => acted(x.text, x.locale, i))) cross++;
  const rate = fp / Math.max(1, negatives.length);
  console.log(
    `false-positive rate: ${pct(fp, negatives.length)} (own intent), ${pct(cross, negatives.length)} (any state change); target ≤ ${SAFETY_TARGET.falsePositive * 100}%`,
  );
  if (rate > SAFETY_TARGET.falsePositive) missed.push("false positives");

  const shop = {
    settings: DEFAULT_SETTINGS,
    catalogue: catalogue(products, answers),
    index,
  } as Parameters<typeof withSubject>[2];
  const groupOf = (id: string | undefined) => (id ? (shop.catalogue.byId.get(id)?.groupId ?? id) : undefined);
  console.log(
    `\nfollow-ups (${followUps.length} conversations): the second message resolved against the first's product`,
  );
  for (const locale of LOCALES) {
    const set = followUps.filter((f) => f.locale === locale);
    let ok = 0;
    for (const f of set) {
      let subject: string | undefined;
      let last: ReturnType<typeof understand> | undefined;
      for (const text of f.turns) {
        const raw = understand(text, ctx(locale));
        last = withSubject(raw, subject, shop) ?? raw;
        const found = last.product?.productId ?? last.product?.candidates[0];
        if (found) subject = found;
      }
      const group =
        last?.product?.groupId ?? groupOf(last?.product?.productId ?? last?.product?.candidates[0]);
      if (last && group === f.group && ["product_question", "add_to_cart"].includes(last.intent)) ok++;
    }
    console.log(`${locale.padEnd(8)}  ${`${ok}/${set.length}`.padStart(7)}  ${pct(ok, set.length)}`);
    if (set.length > 0 && ok / set.length < SAFETY_TARGET.followUps) missed.push(`follow-ups ${locale}`);
  }
  return missed;
}
