/**
 * Short confirmations and refusals, for the bot's yes/no questions ("Add the Classic Tee, red, M?", "Place
 * the order?", "Cancel order CC-7K3F9Q?"). A reply counts only when every word of it is a yes (or every word
 * a no), give or take politeness ("yes please", "sige po", "好的谢谢", "نعم لو سمحت"): "yes but in blue" or
 * "no, the red one" say more than yes or no, and go to `understand`.
 */
import type { Locale } from "../i18n";
import { PhraseLexicon } from "./lexicon";
import { tokenize } from "./text";

export type YesNo = "yes" | "no";

/** Longer replies say more than yes or no. A Han character counts as half a word ("好的谢谢" is two). */
const MAX_WORDS = 4;

type Word = YesNo | "filler";

const WORDS = new PhraseLexicon<Word>()
  .add(
    "yes",
    // en
    "yes",
    "yess",
    "yeah",
    "yea",
    "yep",
    "yup",
    "ya",
    "y",
    "ok",
    "okay",
    "okey",
    "okie",
    "k",
    "kk",
    "sure",
    "of course",
    "confirm",
    "confirmed",
    "i confirm",
    "go ahead",
    "go",
    "do it",
    "please do",
    "proceed",
    "correct",
    "right",
    "thats right",
    "exactly",
    "sounds good",
    "looks good",
    "good",
    "fine",
    "alright",
    "all right",
    "absolutely",
    "definitely",
    "certainly",
    "yes please",
    "no problem",
    "why not",
    "deal",
    "lets do it",
    "lets go",
    // ar (folded: no hamza, teh marbuta as heh)
    "نعم",
    "اي",
    "ايه",
    "ايوه",
    "ايوا",
    "ايوة",
    "اكيد",
    "بالتاكيد",
    "طبعا",
    "تمام",
    "طيب",
    "موافق",
    "ماشي",
    "اوكي",
    "اوك",
    "يلا",
    "صح",
    "اكد",
    "تاكيد",
    "اكمل",
    "كمل",
    "زين",
    "حلو",
    "اهوه",
    "اجل",
    "بلى",
    // confirming the order itself, in every locale ("تمام أكد الطلب", "ok confirm the order")
    "اكد الطلب",
    "تاكيد الطلب",
    "اكمل الطلب",
    "confirm order",
    "confirm the order",
    "confirm my order",
    "place order",
    "place the order",
    "确认订单",
    "确认下单",
    "下单",
    "konfirmasi pesanan",
    "konfirmasi",
    "kumpirmahin",
    "kumpirmahin ang order",
    // zh
    "是",
    "是的",
    "对",
    "对的",
    "好",
    "好的",
    "好啊",
    "好滴",
    "行",
    "可以",
    "确认",
    "确定",
    "没问题",
    "嗯",
    "嗯嗯",
    "要",
    "要的",
    "当然",
    "好嘞",
    "没错",
    // tl
    "oo",
    "opo",
    "oho",
    "sige",
    "cge",
    "sge",
    "sigi",
    "tama",
    "ayos",
    "game",
    "syempre",
    "siyempre",
    "pwede",
    "puwede",
    "push",
    "go na",
    "tuloy",
    "ituloy",
    // id
    "iya",
    "iyaa",
    "iyah",
    "yoi",
    "yes kak",
    "oke",
    "okeh",
    "sip",
    "siap",
    "boleh",
    "betul",
    "benar",
    "bener",
    "lanjut",
    "lanjutkan",
    "setuju",
    "gas",
    "jadi",
    "mau",
  )
  .add(
    "no",
    // en
    "no",
    "nope",
    "nah",
    "nay",
    "n",
    "not now",
    "no thanks",
    "no way",
    "dont",
    "do not",
    "dont do it",
    "dont want",
    "i dont want",
    "i dont",
    "cancel",
    "cancel it",
    "never mind",
    "nevermind",
    "nvm",
    "not really",
    "wrong",
    "negative",
    // ar
    "لا",
    "لاء",
    "لأ",
    "لا لا",
    "مو",
    "مش",
    "ابدا",
    "لا ابي",
    "ما ابي",
    "ما ابغى",
    "مابي",
    "مابغى",
    "بلاش",
    "الغاء",
    "الغي",
    "كنسل",
    "غلط",
    // zh
    "不",
    "不是",
    "不要",
    "不用",
    "不行",
    "不了",
    "不对",
    "算了",
    "取消",
    "别",
    "不要了",
    "不用了",
    "没有",
    // tl
    "hindi",
    "hinde",
    "hndi",
    "huwag",
    "wag",
    "hwag",
    "huwag na",
    "wag na",
    "ayoko",
    "ayoko na",
    "ayaw",
    "ayaw ko",
    "hindi na",
    "hindi pwede",
    // "enough already", not "that's right"
    "tama na",
    "kanselahin",
    "ikansela",
    "i cancel",
    // id
    "tidak",
    "tdk",
    "gak",
    "ga",
    "gk",
    "nggak",
    "ngga",
    "enggak",
    "engga",
    "ndak",
    "tak",
    "jangan",
    "batal",
    "batalkan",
    "batalin",
    "gak jadi",
    "ga jadi",
    "gak mau",
    "ga mau",
    "nggak mau",
    "tidak mau",
    "ndak mau",
    "nggak jadi",
    "tidak jadi",
    "gak usah",
    "ga usah",
    "nggak usah",
  )
  .add(
    "filler",
    "please",
    "pls",
    "plz",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "then",
    "just",
    "that",
    "it",
    "sir",
    "maam",
    "lah",
    "شكرا",
    "لو سمحت",
    "من فضلك",
    "يا",
    "اخوي",
    "خلاص",
    "谢谢",
    "请",
    "吧",
    "啊",
    "呀",
    "了",
    "的",
    "呢",
    "哦",
    "喔",
    "po",
    "ho",
    "na",
    "lang",
    "naman",
    "salamat",
    "kak",
    "ka",
    "kakak",
    "min",
    "gan",
    "sis",
    "deh",
    "dong",
    "aja",
    "saja",
    "sih",
    "terima kasih",
    "makasih",
    "mksh",
    "nya",
  );

/** Words that are a yes or a no in one language only and mean something else in another. */
const LOCAL: Partial<Record<Locale, PhraseLexicon<Word>>> = {
  // "di" is Tagalog's short "no"; in Indonesian it means "at"
  tl: new PhraseLexicon<Word>().add("no", "di", "di po", "hindi po"),
};

/** Thumbs up and down: a whole reply on a phone keyboard, dropped by the tokenizer with other symbols. */
const THUMBS = /^\s*(?:(👍)|(👎))[\u{1F3FB}-\u{1F3FF}\s!.]*$/u;

/**
 * Reads a short reply to a yes/no question: "yes", "ok po", "sige", "نعم", "好的", "iya kak" → "yes"; "no",
 * "nope", "hindi po", "لا", "不要", "gak jadi", "cancel" → "no". Undefined when the reply says anything else,
 * mixes the two ("yes no", "not sure"), or is longer than four words.
 *
 * @param locale the conversation's locale, for the few words that are a yes or a no in one language only
 */
export function readYesNo(text: string, locale?: Locale): YesNo | undefined {
  const thumbs = THUMBS.exec(text);
  if (thumbs) return thumbs[1] ? "yes" : "no";
  const tokens = tokenize(text.slice(0, 200));
  if (tokens.length === 0) return undefined;
  let words = 0;
  for (const t of tokens) words += t.script === "han" ? 0.5 : t.script === "sym" ? 0 : 1;
  if (words > MAX_WORDS) return undefined;
  const keys = tokens.map((t) => t.key);
  const local = locale ? LOCAL[locale] : undefined;
  let answer: YesNo | undefined;
  for (let i = 0; i < keys.length; ) {
    if (tokens[i]?.script === "sym") {
      i++;
      continue;
    }
    const a = WORDS.matchAt(keys, i);
    const b = local?.matchAt(keys, i);
    const m = b && (!a || b.end > a.end) ? b : a;
    if (!m) return undefined;
    if (m.value !== "filler") {
      if (answer && answer !== m.value) return undefined;
      answer = m.value;
    }
    i = m.end;
  }
  return answer;
}
