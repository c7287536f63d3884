/**
 * Chatcart's ready message templates, one per purpose and locale, as submitted to Meta
 * (`POST /{waba-id}/message_templates`, https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates).
 *
 * Not in the i18n catalogues on purpose: once Meta approved a template, its text is fixed at Meta; editing a
 * catalogue key would make our copy disagree with what the shopper receives. A new wording is a new template.
 * Meta refuses a body that starts or ends with a variable, so every body has text around `{{n}}`; each
 * variable has an example.
 */
import type { Locale } from "../i18n";
import { starsLabel } from "../reviews/question";
import { MAX_STARS } from "../reviews/rating";
import { type TemplateField, type TemplatePurpose, WHATSAPP_LANGUAGE } from "./types";

export interface TemplateWording {
  body: string;
  /** what fills `{{1}}`, `{{2}}` … */
  params: TemplateField[];
  /** quick-reply buttons (the rating question's stars) */
  buttons?: string[];
}

/** Example values Meta asks for with each variable when a template is submitted. */
export const EXAMPLES: Record<TemplateField, string> = {
  orderId: "CC-7K3F9Q",
  total: "$24.99",
  tracking: "1Z999AA10123456784 https://track.example.com/1Z999AA10123456784",
  productTitle: "Canvas Tote",
  shopName: "Chatcart Demo Shop",
};

const STARS = Array.from({ length: MAX_STARS }, (_, i) => starsLabel(i + 1));

const PARAMS: Record<TemplatePurpose, TemplateField[]> = {
  order_confirmed: ["orderId", "total"],
  order_shipped: ["orderId", "tracking"],
  order_delivered: ["orderId"],
  order_cancelled: ["orderId"],
  rating_request: ["productTitle"],
  agent_follow_up: ["shopName"],
};

const BODIES: Record<TemplatePurpose, Record<Locale, string>> = {
  order_confirmed: {
    en: "Your order {{1}} is confirmed. Total: {{2}}. We will tell you when it ships.",
    ar: "تم تأكيد طلبك {{1}}. الإجمالي: {{2}}. سنخبرك عند شحنه.",
    zh: "您的订单 {{1}} 已确认。总额：{{2}}。发货时我们会通知您。",
    tl: "Kumpirmado na ang order mo na {{1}}. Kabuuan: {{2}}. Sasabihan ka namin kapag naipadala na.",
    id: "Pesanan {{1}} sudah dikonfirmasi. Total: {{2}}. Kami kabari saat dikirim.",
  },
  order_shipped: {
    en: "Your order {{1}} is on its way. Tracking: {{2}}. Thank you for shopping with us!",
    ar: "طلبك {{1}} في الطريق إليك. التتبع: {{2}}. شكراً لتسوقك معنا!",
    zh: "您的订单 {{1}} 已发货。物流追踪：{{2}}。感谢您的惠顾！",
    tl: "Papunta na ang order mo na {{1}}. Tracking: {{2}}. Salamat sa pamimili!",
    id: "Pesanan {{1}} sedang dikirim. Pelacakan: {{2}}. Terima kasih telah berbelanja!",
  },
  order_delivered: {
    en: "Your order {{1}} has been delivered. Enjoy!",
    ar: "تم توصيل طلبك {{1}}. استمتع!",
    zh: "您的订单 {{1}} 已送达。祝您使用愉快！",
    tl: "Naihatid na ang order mo na {{1}}. Enjoy!",
    id: "Pesanan {{1}} sudah sampai. Selamat menikmati!",
  },
  order_cancelled: {
    en: "Your order {{1}} has been cancelled. Reply here if you have any questions.",
    ar: "تم إلغاء طلبك {{1}}. راسلنا هنا إن كان لديك أي سؤال.",
    zh: "您的订单 {{1}} 已取消。如有疑问请在此回复。",
    tl: "Kinansela ang order mo na {{1}}. Mag-reply dito kung may tanong ka.",
    id: "Pesanan {{1}} dibatalkan. Balas di sini jika ada pertanyaan.",
  },
  rating_request: {
    en: "How do you like {{1}}? Tap a rating below.",
    ar: "ما رأيك في {{1}}؟ اختر تقييماً أدناه.",
    zh: "您觉得 {{1}} 怎么样？请在下方点选评分。",
    tl: "Kumusta ang {{1}}? Pumili ng rating sa ibaba.",
    id: "Bagaimana {{1}} menurut Anda? Pilih nilai di bawah.",
  },
  agent_follow_up: {
    en: "Hello from {{1}}. We have an answer to your question: reply to this message to continue.",
    ar: "مرحباً من {{1}}. لدينا رد على سؤالك: أجب على هذه الرسالة للمتابعة.",
    zh: "您好，这里是 {{1}}。我们已有您问题的答复：回复此消息即可继续。",
    tl: "Hello mula sa {{1}}. May sagot na kami sa tanong mo: mag-reply dito para magpatuloy.",
    id: "Halo dari {{1}}. Kami punya jawaban untuk pertanyaan Anda: balas pesan ini untuk melanjutkan.",
  },
};

export const defaultTemplateName = (purpose: TemplatePurpose) => `chatcart_${purpose}`;

export function wordingOf(purpose: TemplatePurpose, locale: Locale): TemplateWording {
  return {
    body: BODIES[purpose][locale],
    params: PARAMS[purpose],
    ...(purpose === "rating_request" && { buttons: STARS }),
  };
}

/** The `POST /{waba-id}/message_templates` body of Chatcart's template for a purpose and locale. */
export function templateSubmission(purpose: TemplatePurpose, locale: Locale) {
  const w = wordingOf(purpose, locale);
  return {
    name: defaultTemplateName(purpose),
    language: WHATSAPP_LANGUAGE[locale],
    category: "UTILITY",
    components: [
      { type: "BODY", text: w.body, example: { body_text: [w.params.map((p) => EXAMPLES[p])] } },
      ...(w.buttons
        ? [{ type: "BUTTONS", buttons: w.buttons.map((text) => ({ type: "QUICK_REPLY", text })) }]
        : []),
    ],
  };
}
