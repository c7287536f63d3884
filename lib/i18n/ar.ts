import type { Catalogue } from "./en";

export const ar: Catalogue = {
  "greeting.first": "مرحبًا{name}! أهلًا بك في {shop}. 👋",
  "greeting.again": "مرحبًا مجددًا{name}! كيف أساعدك؟",
  capabilities: "أستطيع إيجاد المنتجات والإجابة عن أسئلتك وتجهيز سلتك وإتمام طلبك هنا.",
  "choice.browse": "تصفح المنتجات",
  "choice.cart": "سلتي",
  "choice.human": "التحدث مع موظف",
  "list.button": "الخيارات",
  unsupported: "عذرًا، أقرأ حاليًا النصوص والأزرار والمواقع فقط.",
};
