/**
 * Colour and size words in the five languages, each mapped to one canonical English value: colours as the
 * lower-case English name, letter sizes as codes (XS…XXXL, FREE). The index maps them back to the spelling the
 * catalogue uses ("M" or "m", "grey" or "gray").
 */
import { PhraseLexicon } from "../lexicon";

export const COLORS = new PhraseLexicon<string>()
  .add(
    "red",
    "red",
    "merah",
    "pula",
    "kulay pula",
    "أحمر",
    "حمراء",
    "حمرا",
    "احمر",
    "红色",
    "红的",
    "大红",
    "酒红色",
  )
  .add(
    "blue",
    "blue",
    "biru",
    "asul",
    "azul",
    "أزرق",
    "زرقاء",
    "زرقا",
    "ازرق",
    "蓝色",
    "蓝的",
    "biru muda",
    "light blue",
    "sky blue",
    "浅蓝",
    "天蓝色",
  )
  .add(
    "navy",
    "navy",
    "navy blue",
    "dark blue",
    "biru dongker",
    "dongker",
    "biru tua",
    "كحلي",
    "نيلي",
    "藏青",
    "藏青色",
    "藏蓝",
    "藏蓝色",
    "海军蓝",
    "深蓝",
    "深蓝色",
  )
  .add("black", "black", "hitam", "itim", "negro", "أسود", "سوداء", "سودا", "اسود", "黑色", "黑的")
  .add("white", "white", "putih", "puti", "blanco", "أبيض", "بيضاء", "بيضا", "ابيض", "白色", "白的", "纯白")
  .add("green", "green", "hijau", "ijo", "berde", "luntian", "أخضر", "خضراء", "خضرا", "اخضر", "绿色", "绿的")
  .add("yellow", "yellow", "kuning", "dilaw", "أصفر", "صفراء", "اصفر", "黄色", "黄的")
  .add(
    "pink",
    "pink",
    "merah muda",
    "rosas",
    "kulay rosas",
    "pink na",
    "وردي",
    "زهري",
    "بمبي",
    "粉色",
    "粉红",
    "粉红色",
    "粉的",
  )
  .add("purple", "purple", "violet", "ungu", "lila", "ube", "بنفسجي", "موف", "ليلكي", "紫色", "紫的")
  .add("orange", "orange", "oranye", "oren", "jingga", "kahel", "برتقالي", "اورنج", "橙色", "橘色", "橙的")
  .add(
    "brown",
    "brown",
    "coklat",
    "cokelat",
    "kayumanggi",
    "tsokolate",
    "brown na",
    "بني",
    "بنيه",
    "棕色",
    "咖啡色",
    "褐色",
  )
  .add("grey", "grey", "gray", "abu", "abu abu", "abo", "kulay abo", "رمادي", "سكني", "灰色", "灰的")
  .add("beige", "beige", "nude", "krem", "بيج", "米色", "米白", "米白色", "杏色")
  .add("cream", "cream", "off white", "ivory", "كريمي", "奶白", "奶油色")
  .add("gold", "gold", "golden", "emas", "ginto", "ذهبي", "دهبي", "金色")
  .add("silver", "silver", "perak", "pilak", "فضي", "فضيه", "银色")
  .add("khaki", "khaki", "خاكي", "卡其", "卡其色")
  .add("maroon", "maroon", "burgundy", "marun", "merah marun", "عنابي", "خمري", "酒红", "枣红")
  .add("tan", "tan", "camel", "camel color", "驼色")
  .add("multicolor", "multicolor", "multicolour", "warna warni", "مشجر", "彩色");

/** One Han character colours ("红", "黑"): only a colour before 的/色/款 or alone, else "白" in "明白" would be. */
export const HAN_COLOR_CHARS: Record<string, string> = {
  红: "red",
  蓝: "blue",
  黑: "black",
  白: "white",
  绿: "green",
  黄: "yellow",
  粉: "pink",
  紫: "purple",
  橙: "orange",
  灰: "grey",
  棕: "brown",
  金: "gold",
  银: "silver",
};

/** Canonical size codes, letter sizes ordered small to large. */
export const SIZE_ORDER = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "FREE"] as const;

export const SIZES = new PhraseLexicon<string>()
  .add("XXS", "xxs")
  .add("XS", "xs", "extra small", "x small", "xsmall", "sangat kecil", "xs码", "加小", "加小号", "اكس سمول")
  .add("S", "small", "kecil", "maliit", "صغير", "صغيره", "سمول", "سمال", "小号", "小码", "s码", "s号")
  .add(
    "M",
    "medium",
    "sedang",
    "katamtaman",
    "medyum",
    "وسط",
    "متوسط",
    "ميديم",
    "ميديوم",
    "中号",
    "中码",
    "m码",
    "m号",
  )
  .add("L", "large", "besar", "malaki", "كبير", "كبيره", "لارج", "大号", "大码", "l码", "l号")
  .add(
    "XL",
    "xl",
    "extra large",
    "x large",
    "xlarge",
    "lebih besar",
    "اكس لارج",
    "加大",
    "加大号",
    "加大码",
    "xl码",
    "xl号",
  )
  .add("XXL", "xxl", "xx large", "double xl", "اكس اكس لارج", "特大", "特大号", "加加大", "xxl码")
  .add("XXXL", "xxxl")
  .add(
    "FREE",
    "free size",
    "freesize",
    "one size",
    "onesize",
    "all size",
    "allsize",
    "one size fits all",
    "فري سايز",
    "مقاس واحد",
    "مقاس موحد",
    "均码",
    "均码的",
    "标准码",
  );

/** Single letters that are sizes only when written in capitals, after a size word, or alone. */
export const SIZE_LETTERS: Record<string, string> = { s: "S", m: "M", l: "L" };

/** Words that announce a size: "size 42", "ukuran M", "sukat 9", "مقاس 40", "42码". */
export const SIZE_MARKERS = new PhraseLexicon<true>().add(
  true,
  "size",
  "sizes",
  "sz",
  "saiz",
  "ukuran",
  "ukuranya",
  "uk",
  "sukat",
  "numero",
  "eu",
  "us",
  "uk size",
  "مقاس",
  "المقاس",
  "مقاسات",
  "سايز",
  "قياس",
  "نمره",
  "نمرة",
  "尺码",
  "尺寸",
  "码",
  "号",
);

/** Han characters that follow a size number: "42码", "38号". */
export const HAN_SIZE_SUFFIX = new Set(["码", "号"]);
