/**
 * The evidence rules: an intent that changes state (add to cart, checkout, cancel an order, stop messages,
 * a complaint or a request for a person, which hand the shopper over) stands only on an explicit request.
 * Each rule names the intents it moves, when it applies, and where the intent goes: to the next reading
 * the classifier had (`next`), to asking the shopper back before acting (`confirm`), or to an intent of its
 * own. One loop ({@link applyEvidence}) applies them in order; each is unit-tested with its example
 * (tests/unit/nlu/evidence.test.ts) and counted by `npm run eval:nlu`.
 */
import type { Intent } from "../types";

/** What a rule may look at: the message's words and what the reading found in it. */
export interface Evidence {
  /** the score of the intent the rule looks at (the loop keeps it current) */
  score: number;
  /** the classifier's intents by score, best first */
  ranked: ReadonlyArray<readonly [Intent, number]>;
  /** intent cue phrases of the lexicon found in the message (vocab/cues.ts) */
  cues: ReadonlySet<Intent>;
  /** a verb that puts an item in the cart ("add", "pa add", "ضيف", "加入购物车"; vocab/evidence.ts) */
  explicitAdd: boolean;
  /** the message asks ("?", a question about an item, a condition: "if i buy 20") */
  question: boolean;
  /** the message reads as an address ("i live at 5 orchard road") */
  address: boolean;
  /** the message is nothing but a yes or a no ("ya", "ok", "No") */
  yesNoOnly: boolean;
  /** a product is named */
  product: boolean;
  /** a word stands for the item in view ("it", "this one", "yan", "这个") */
  anaphor: boolean;
  /** the message is only an opt-out keyword ("STOP", "unsubscribe", "退订") */
  optOutOnly: boolean;
  /** the shop's messages with a word of stopping ("no more texts", "jangan kirim promo") */
  stopMessages: boolean;
  /** Messenger's "Get Started" as text */
  getStarted: boolean;
  /** an order id is named */
  orderId: boolean;
  /** a policy is named ("cancellation policy", "kebijakan pembatalan", "取消政策") */
  policy: boolean;
}

export interface EvidenceRule {
  name: string;
  /** a message the rule applies to */
  example: string;
  /** the intents it moves */
  moves: readonly Intent[];
  when(e: Evidence): boolean;
  /** `next`: the next reading that no rule moved; `confirm`: the intent stays, asked back before acting */
  to: "next" | "confirm" | Intent;
}

/** Below this the next reading is not trusted (the same threshold as reading.ts). */
const MIN_NEXT_SCORE = 0.3;
/**
 * A reading this sure stands without a cue word of its own: the nearest training examples agree on it (the
 * lexicons cannot list every way to say "stop" or "checkout"); the weak readings of issue 11 ("No" as stop
 * 0.41, "This is a text message" as a complaint 0.45, "Not now" as checkout 0.37) stay far below.
 */
const SURE = 0.6;

export const EVIDENCE_RULES: readonly EvidenceRule[] = [
  {
    name: "get-started-greets",
    example: "Get Started",
    moves: ["clear_cart", "greeting", "unknown", "checkout", "add_to_cart", "browse_category"],
    when: (e) => e.getStarted,
    to: "greeting",
  },
  {
    name: "opt-out-needs-an-opt-out-word",
    example: "No",
    moves: ["stop"],
    when: (e) => !e.optOutOnly && !e.stopMessages && !e.cues.has("stop") && e.score < SURE,
    to: "next",
  },
  {
    name: "complaint-needs-a-complaint-word",
    example: "This is a text message",
    moves: ["complaint"],
    when: (e) => !e.cues.has("complaint") && e.score < SURE,
    to: "next",
  },
  {
    name: "person-needs-a-person-word",
    example: "can someone text me",
    moves: ["human"],
    when: (e) => !e.cues.has("human") && e.score < SURE,
    to: "next",
  },
  {
    name: "checkout-needs-a-checkout-word",
    example: "Not now",
    moves: ["checkout"],
    when: (e) => (!e.cues.has("checkout") && e.score < SURE) || e.yesNoOnly,
    to: "next",
  },
  {
    name: "cancel-needs-a-cancel-word",
    example: "stop my order",
    moves: ["cancel_order"],
    // no sureness exception: an order shown with its Cancel button costs one tap, a wrong cancel an order
    when: (e) => !e.cues.has("cancel_order") && !(e.orderId && e.cues.has("remove_from_cart")),
    to: "next",
  },
  {
    name: "a-policy-question-is-not-a-request",
    example: "cancel policy?",
    moves: ["cancel_order", "checkout", "stop"],
    when: (e) => e.policy && !e.orderId,
    to: "next",
  },
  {
    name: "a-yes-alone-is-not-an-order",
    example: "ya",
    moves: ["add_to_cart", "checkout", "cancel_order", "clear_cart"],
    when: (e) => e.yesNoOnly,
    to: "unknown",
  },
  {
    name: "an-address-is-not-an-order",
    example: "12 Main Street, Springfield",
    moves: ["add_to_cart"],
    when: (e) => e.address && !e.explicitAdd,
    to: "next",
  },
  {
    name: "a-question-is-not-an-order",
    example: "can i get a discount if i buy 20 pcs",
    moves: ["add_to_cart"],
    when: (e) => e.question,
    to: "next",
  },
  {
    name: "an-add-without-an-add-verb-asks-back",
    example: "ابي اطلب",
    moves: ["add_to_cart"],
    when: (e) => !e.explicitAdd,
    to: "confirm",
  },
];

/** The intent after the rules, whether to ask back before acting, and the rules that applied (in order). */
export interface EvidenceResult {
  intent: Intent;
  score: number;
  confirm: boolean;
  applied: string[];
}

/** Applies the rules in order to the reading's `intent` (each rule at most once). */
export function applyEvidence(
  intent: Intent,
  score: number,
  e: Evidence,
  rules: readonly EvidenceRule[] = EVIDENCE_RULES,
): EvidenceResult {
  const applied: string[] = [];
  const moved = new Set<Intent>();
  let confirm = false;
  const used = new Set<EvidenceRule>();
  // passes until nothing moves: an intent a rule moved to may be one an earlier rule moves on
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (used.has(rule) || !rule.moves.includes(intent) || !rule.when({ ...e, score })) continue;
      used.add(rule);
      changed = true;
      applied.push(rule.name);
      if (rule.to === "confirm") {
        confirm = true;
        continue;
      }
      moved.add(intent);
      confirm = false;
      if (rule.to === "next") {
        const next = e.ranked.find(([i, s]) => !moved.has(i) && i !== "unknown" && s >= MIN_NEXT_SCORE);
        [intent, score] = next ? [next[0], next[1]] : ["unknown", Math.min(score, MIN_NEXT_SCORE)];
      } else {
        intent = rule.to;
        score = Math.max(score, 0.9);
      }
    }
  }
  return { intent, score, confirm, applied };
}
