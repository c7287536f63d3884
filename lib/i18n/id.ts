import type { Catalogue } from "./en";

export const id: Catalogue = {
  "greeting.first": "Halo{name}! Selamat datang di {shop}. 👋",
  "greeting.again": "Halo lagi{name}! Ada yang bisa dibantu?",
  capabilities:
    "Saya bisa mencari produk, menjawab pertanyaan, mengisi keranjang, dan menerima pesanan Anda di sini.",
  "choice.browse": "Lihat produk",
  "choice.cart": "Keranjang saya",
  "choice.human": "Bicara dengan staf",
  "list.button": "Pilihan",
  unsupported: "Maaf, saat ini saya hanya bisa membaca teks, tombol, dan lokasi.",
};
