import type { Catalogue } from "./en";

export const tl: Catalogue = {
  "greeting.first": "Hi{name}! Maligayang pagdating sa {shop}. 👋",
  "greeting.again": "Hi ulit{name}! Paano kita matutulungan?",
  capabilities:
    "Kaya kong maghanap ng produkto, sumagot ng tanong, ayusin ang cart mo at kunin ang order mo dito.",
  "choice.browse": "Tingnan ang produkto",
  "choice.cart": "Cart ko",
  "choice.human": "Kausapin ang tao",
  "list.button": "Mga pagpipilian",
  unsupported: "Pasensya, text, button at lokasyon lang ang nababasa ko sa ngayon.",
};
