/**
 * The evidence rules (lib/nlu/rules/evidence.ts): each rule applies to its own example, and the messages of
 * issue 11 that changed state on weak evidence no longer do.
 */
import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { signalsOf } from "../../../lib/nlu/reading";
import { applyEvidence, EVIDENCE_RULES, type Evidence } from "../../../lib/nlu/rules/evidence";
import { tokenize } from "../../../lib/nlu/text";
import { EXPLICIT_ADD, STATE_WORDS } from "../../../lib/nlu/vocab/evidence";
import { demoShop } from "../../helpers/skills";

const shop = demoShop();
const read = (text: string) =>
  understand(text, {
    index: shop.index,
    allowed: shop.settings.locales,
    fallback: shop.settings.defaultLocale,
  });

describe("each evidence rule applies to its example", () => {
  it.each(EVIDENCE_RULES.map((r) => [r.name, r.example] as const))("%s: %s", (name, example) => {
    expect(read(example).rules ?? []).toContain(name);
  });
});

describe("issue 11: no state change on weak evidence", () => {
  const STATE: ReadonlySet<string> = new Set([
    "add_to_cart",
    "checkout",
    "cancel_order",
    "stop",
    "complaint",
    "human",
  ]);
  it.each([
    "can i get a discount if i buy 20 pcs",
    "i live at 5 orchard road",
    "12 Main Street, Springfield",
    "ya",
    "No",
    "text me",
    "message",
    "This is a text message",
    "I got your message",
    "Can I get more info about this?",
    "Not now",
    "Get Started",
    "snekers in black size 43?",
  ])("%s changes nothing", (text) => {
    const m = read(text);
    expect(STATE.has(m.intent) && !m.confirm).toBe(false);
  });

  it.each(["ابي اطلب", "2 linen shirts blue M", "i want the blue one size S"])(
    "%s asks back before adding",
    (text) => {
      const m = read(text);
      expect(m.intent).toBe("add_to_cart");
      expect(m.confirm).toBe(true);
    },
  );

  it.each([
    ["add 2 linen shirts blue M", "add_to_cart"],
    ["pa add po", "add_to_cart"],
    ["STOP", "stop"],
    ["no more messages please", "stop"],
    ["I want to talk to a person", "human"],
    ["cancel my order", "cancel_order"],
    ["checkout", "checkout"],
    ["the product is broken, terrible service", "complaint"],
  ])("%s still acts: %s", (text, intent) => {
    const m = read(text);
    expect(m.intent).toBe(intent);
    expect(m.confirm).toBeUndefined();
  });

  it("Get Started greets", () => expect(read("Get Started").intent).toBe("greeting"));
});

describe("applyEvidence", () => {
  const base: Evidence = {
    score: 0.5,
    ranked: [
      ["stop", 0.6],
      ["complaint", 0.5],
      ["faq", 0.4],
    ],
    cues: new Set(),
    explicitAdd: false,
    question: false,
    address: false,
    yesNoOnly: false,
    product: false,
    anaphor: false,
    optOutOnly: false,
    stopMessages: false,
    getStarted: false,
    orderId: false,
    policy: false,
  };
  it("moves on until a reading no rule moves", () => {
    const r = applyEvidence("stop", 0.45, base);
    expect(r.intent).toBe("faq");
    expect(r.applied).toEqual(["opt-out-needs-an-opt-out-word", "complaint-needs-a-complaint-word"]);
  });
  it("keeps an intent with its evidence", () => {
    expect(applyEvidence("stop", 1, { ...base, optOutOnly: true }).intent).toBe("stop");
  });
});

/**
 * The Arabic explicit words added to vocab/evidence.ts and vocab/cues.ts (Arabic intent accuracy had fallen
 * below 90 % under the evidence rules): each found in a message of our own, spelled as shoppers type it
 * (hamza forms, the article and its prefixes, Gulf, Levantine and Egyptian forms).
 */
describe("Arabic explicit words", () => {
  const keys = (text: string) => tokenize(text).map((t) => t.key);

  it.each([
    ["اضيفه", "اضيفه للسلة"],
    ["اضفه", "أضفه لو سمحت"],
    ["اضفها", "أضفها للطلب"],
    ["اضافه", "إضافة الشنطة للسلة"],
    ["تضيف", "ممكن تضيف القميص الأبيض"],
    ["تضيفه", "تقدر تضيفه لي"],
    ["ضيفي", "ضيفي الفستان الأحمر"],
    ["ضيفلي", "ضيفلي قبعتين"],
    ["ضفلي", "ضفلي واحد زيادة"],
    ["ضيفوا", "ضيفوا الجزمة للسلة"],
    ["حطلي", "حطلي الكوب الأسود"],
    ["حطيلي", "حطيلي اثنين من الجوارب"],
    ["حطوا", "حطوا الساعة بالسلة"],
    ["تحط", "ممكن تحط الحزام"],
    ["تحطه", "تقدر تحطه بالسلة"],
    ["باخذ", "باخذ الجاكيت الكحلي"],
    ["باخذه", "طيب باخذه"],
    ["باخذها", "حلوة باخذها"],
    ["راح اخذ", "راح آخذ ثلاث حبات"],
    ["هاخد", "هاخد التيشيرت ده"],
    ["هاخده", "خلاص هاخده"],
    ["بشتري", "بشتري الشنطة البني"],
    ["هشتري", "هشتري اتنين"],
    ["راح اشتري", "راح اشتري النظارة"],
  ])("add verb %s: %s", (_word, text) => {
    expect(EXPLICIT_ADD.findAll(keys(text)).length).toBeGreaterThan(0);
  });

  it.each([
    ["checkout", "بدفع", "بدفع الحين"],
    ["checkout", "راح ادفع", "راح أدفع بالبطاقة"],
    ["checkout", "هدفع", "هدفع دلوقتي"],
    ["checkout", "كمل الطلب", "كمّل الطلب لو سمحت"],
    ["checkout", "كمل طلبي", "كمل طلبي"],
    ["checkout", "اكمل طلبي", "ابي أكمل طلبي"],
    ["checkout", "كمل الشراء", "كمل الشراء"],
    ["checkout", "خلص الطلب", "خلص الطلب خلاص"],
    ["checkout", "خلص طلبي", "خلّص طلبي"],
    ["checkout", "انهي الطلب", "أنهي الطلب الحين"],
    ["checkout", "انهاء الطلب", "أبغى إنهاء الطلب"],
    ["checkout", "تمم الطلب", "تمم الطلب"],
    ["checkout", "اتمم طلبي", "ابي أتمم طلبي"],
    ["checkout", "اكد الطلب", "أكد الطلب"],
    ["checkout", "اكد طلبي", "أكّد طلبي لو سمحت"],
    ["checkout", "تاكيد الطلب", "تأكيد الطلب"],
    ["checkout", "ثبت الطلب", "ثبت الطلب"],
    ["checkout", "ثبت طلبي", "ثبّت طلبي"],
    ["checkout", "نفذ الطلب", "نفذ الطلب"],
    ["checkout", "شيك اوت", "ابي اسوي شيك اوت"],
    ["checkout", "تشيك اوت", "تشيك أوت"],
    ["stop", "ايقاف", "إيقاف العروض"],
    ["stop", "اوقفوا", "أوقفوا الإعلانات"],
    ["stop", "وقفوا", "وقفوا المسجات"],
    ["stop", "لا تبعت", "لا تبعت لي عروض"],
    ["stop", "لا تبعتوا", "لا تبعتوا حاجة تاني"],
    ["stop", "ما تبعتوا", "ما تبعتوا لي"],
    ["stop", "لا ترسلون", "لا ترسلون لي شي"],
    ["stop", "لا ترسلي", "لا ترسلي عروض"],
    ["stop", "لا تراسلني", "لا تراسلني مرة ثانية"],
    ["stop", "لا تزعجني", "لا تزعجني بالإعلانات"],
    ["stop", "لا تزعجوني", "لا تزعجوني"],
    ["stop", "احذف رقمي", "احذف رقمي من عندكم"],
    ["stop", "احذفوا رقمي", "احذفوا رقمي"],
    ["stop", "امسح رقمي", "امسح رقمي من القائمة"],
    ["stop", "امسحوا رقمي", "امسحوا رقمي"],
    ["stop", "شيلوا رقمي", "شيلوا رقمي من الرسايل"],
    ["stop", "ما ابغى رسائل", "ما أبغى رسائل"],
    ["stop", "ما ابي رسايل", "ما ابي رسايل عروض"],
    ["stop", "ما ابغى رسايل", "ما ابغى رسايل"],
    ["stop", "لا ابي رسائل", "لا ابي رسائل منكم"],
    ["stop", "ما بدي رسائل", "ما بدي رسائل"],
    ["stop", "مش عايز رسائل", "مش عايز رسائل"],
    ["stop", "مش عايز رسايل", "أنا مش عايز رسايل"],
    ["complaint", "تاخير", "تأخير كبير في الشحن"],
    ["complaint", "تأخرت", "الشحنة تأخرت أسبوعين"],
    ["complaint", "متأخره", "الطلبية متأخرة"],
    ["complaint", "اشتكي", "أبغى أشتكي"],
    ["complaint", "ابي اشتكي", "ابي اشتكي على المندوب"],
    ["complaint", "بلاغ", "عندي بلاغ"],
    ["complaint", "تالف", "الكوب وصل تالف"],
    ["complaint", "تالفه", "العلبة تالفة"],
    ["complaint", "معطوب", "الشاحن معطوب"],
    ["complaint", "معطوبه", "الساعة معطوبة"],
    ["complaint", "مضروب", "الجهاز مضروب"],
    ["complaint", "مكسوره", "النظارة مكسورة"],
    ["complaint", "خربانه", "السحّابة خربانة"],
    ["complaint", "ناقص", "الطرد ناقص"],
    ["complaint", "ناقصه", "الكمية ناقصة"],
    ["complaint", "ما وصل", "الطرد ما وصل"],
    ["complaint", "ما وصلني", "ما وصلني شي"],
    ["complaint", "ماوصل", "ماوصل للحين"],
    ["complaint", "ماوصلني", "ماوصلني الطرد"],
    ["complaint", "لم يصل", "الطرد لم يصل"],
    ["complaint", "لم يصلني", "لم يصلني أي شيء"],
    ["complaint", "ما جاني", "ما جاني الطرد"],
    ["complaint", "ماجاني", "ماجاني شي"],
    ["complaint", "سيئ", "تغليف سيئ"],
    ["complaint", "رديء", "القماش رديء"],
    ["complaint", "رديئه", "الخياطة رديئة"],
    ["complaint", "زباله", "المنتج زبالة"],
    ["complaint", "نصب", "هذا نصب"],
    ["complaint", "نصابين", "انتم نصابين"],
    ["complaint", "احتيال", "هذا احتيال"],
    ["complaint", "مستاء", "انا مستاء من التعامل"],
    ["complaint", "منزعج", "منزعج جدا"],
    ["complaint", "متضايق", "متضايق من المندوب"],
    ["complaint", "خيبه امل", "خيبة أمل"],
    ["complaint", "مقرف", "التعامل مقرف"],
    ["complaint", "فاشل", "توصيل فاشل"],
    ["complaint", "فاشله", "خدمة فاشلة"],
    ["complaint", "مب زين", "المنتج مب زين"],
    ["complaint", "مو زين", "التغليف مو زين"],
    ["complaint", "مش كويس", "القماش مش كويس"],
    ["cancel_order", "الغ", "ألغِ الطلب"],
    ["cancel_order", "الغيه", "ألغيه"],
    ["cancel_order", "الغيها", "الغيها لو سمحت"],
    ["cancel_order", "الغوا", "الغوا طلبي"],
    ["cancel_order", "كنسل", "كنسل الطلب"],
    ["cancel_order", "كنسله", "كنسله"],
    ["cancel_order", "كنسلي", "كنسلي الطلب"],
    ["cancel_order", "كنسلوا", "كنسلوا الطلب"],
    ["cancel_order", "كانسل", "كانسل الأوردر"],
  ])("%s word %s: %s", (intent, _word, text) => {
    expect(STATE_WORDS.findAll(keys(text)).map((m) => m.value)).toContain(intent);
  });

  it.each([
    ["اعلان", "لا اعلان بعد اليوم"],
    ["مسج", "ولا مسج"],
    ["مسجات", "بلاش مسجات"],
  ])("messages word %s: %s", (_word, text) => {
    expect(signalsOf(keys(text)).messaging).toBe(true);
  });

  it.each([
    ["مابي", "مابي عروض"],
    ["مابغى", "مابغى اعلانات"],
    ["مش عايز", "مش عايز إعلانات"],
    ["مش عاوز", "مش عاوز رسايل"],
    ["ايقاف", "إيقاف التذكيرات"],
  ])("stopping word %s: %s", (_word, text) => {
    const s = signalsOf(keys(text));
    expect(s.stopping && s.messaging).toBe(true);
  });

  it.each([
    // before these words: moved by their rule (to unknown, "ثبت الطلب" to order_status) or read as nothing
    ["الطرد ما وصلني وانا متضايق", "complaint"],
    ["ما وصلني الطلب", "complaint"],
    ["وقفوا المسجات", "stop"],
    ["بلاش مسجات", "stop"],
    ["ثبت الطلب", "checkout"],
    // these acted before and still do
    ["لا تزعجني بالعروض", "stop"],
    ["كنسل طلبي", "cancel_order"],
    ["كمل الطلب", "checkout"],
  ])("%s acts: %s", (text, intent) => {
    const m = read(text);
    expect(m.intent).toBe(intent);
    expect(m.confirm).toBeUndefined();
  });
});
