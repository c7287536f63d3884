/**
 * More Indonesian examples, written for this project: help-desk requests in formal Indonesian ("saya ingin
 * membatalkan pesanan") and chat Indonesian ("mau batalin orderan dong kak"), with the affixes shoppers use
 * (me-/di-/-kan/-nya, ber-, ke-an), plus ordering and cart phrasings.
 */
import { lines, type SupportExamples } from "./lines";

export const supportId: SupportExamples = {
  faq: {
    cancel: lines(`
      kalau dibatalkan kena biaya gak
      ada denda pembatalan?
      biaya cancel berapa
    `),
    change: lines(`
      saya mau mengubah pesanan
      pesanannya bisa diganti gak kak
      mau ubah isi orderan
      bisa tambah barang di pesanan yang sudah dibuat?
      alamat pengirimannya mau diganti
      saya salah tulis alamat, bisa diubah?
      tolong ganti alamat kirim pesanan saya
      mau kirim ke alamat lain bisa?
    `),
    pay: lines(`
      metode pembayarannya apa saja?
      bisa bayar pakai apa kak
      bisa bayar lewat transfer?
      terima kartu debit gak
      bisa pakai e-wallet?
      pembayarannya bisa pakai shopeepay?
    `),
    refund: lines(`
      kebijakan refund gimana kak
      syarat pengembalian dana apa aja
      saya minta uang saya dikembalikan
      saya mau mengajukan refund
      tolong refund pesanan saya
      dananya kapan dikembalikan
      refund saya belum masuk kak
      status refund saya gimana
      uang saya belum balik
      pengembalian dananya berapa hari
    `),
    contact: lines(`
      bagaimana cara menghubungi customer service
      nomor cs berapa kak
      email toko apa ya
      cs bisa dihubungi jam berapa
      kontak admin dong
    `),
    ship: lines(`
      pilihan pengiriman apa aja kak
      bisa pakai kurir apa aja
      ada pengiriman same day?
      ada ekspedisi yang cepat gak
    `),
    time: lines(`
      pengirimannya makan waktu berapa lama
      kira-kira berapa hari sampainya
      estimasi pengiriman ke jakarta berapa hari
      kalau pesan hari ini kapan sampai
    `),
    howto: lines(`
      gimana cara memesan
      cara belanja di sini gimana kak
      saya mau beli tapi bingung caranya
      langkah-langkah pemesanan gimana
      cara checkout gimana
    `),
    return: lines(`
      bisa dikembalikan gak kalau kekecilan
    `),
    exchange: lines(`
      bisa tukar warna kak?
    `),
    hours: lines(`
      jam bukanya kapan aja
    `),
    store: lines(`
      tokonya di daerah mana
    `),
    warranty: lines(`
      garansinya ada gak kak
    `),
    gift: lines(`
      bisa dibungkus untuk hadiah?
    `),
    fit: lines(`
      ukuran yang cocok buat saya apa
      size chart nya ada kak?
    `),
  },
  complaint: lines(`
    pembayaran saya gagal tapi saldo terpotong
    saya gak bisa bayar, error terus
    tagihannya dobel kak
    saya kena tagih dua kali
    saya mau mengajukan komplain
    mau komplain soal pesanan
    saya sangat kecewa dengan pelayanannya
    barang yang saya terima rusak
    pesanan saya datang dalam keadaan pecah
    barangnya tidak sesuai deskripsi
    kok paketnya kosong
    adminnya gak responsif banget
    sudah seminggu belum dikirim juga, kecewa
    jahitannya lepas baru dipakai sekali
    retsletingnya rusak
    saya dikirimi barang yang salah
    warnanya luntur
    barangnya cacat kak
  `),
  order_status: lines(`
    saya mau cek status pesanan 12345
    tolong lacak paket saya
    pesanan nomor 5531 sudah sampai mana
    orderan saya belum datang kak
    resinya mana kak
    paketnya sudah dikirim belum ya
    kapan pesanan saya diantar
    posisi paket saya di mana
    pesananku kok belum nyampe
  `),
  human: lines(`
    saya mau bicara dengan petugas
    tolong sambungkan dengan customer service
    bisa chat sama admin langsung?
    minta dihubungkan ke agen
    saya butuh bantuan dari manusia, bukan bot
    ada admin yang bisa bantu?
  `),
  add_to_cart: lines(`
    saya ambil {product} nya
    tolong masukkan {product} ke keranjang
    tambahin {product} satu lagi
    mau {product} ukuran M dua
    beliin {product} yang hitam
    pesan {product} 3 ya kak
    aku ambil {product} yang putih
    mau order {product} warna biru
    {product} 2 ya kak
    {product} satu kak
    mau yang merah ukuran L
    saya pesan yang ini dua
    aku mau yang itu
    jadi beli {product}
    oke ambil {product}
    masukin {product} ke troli
    mau nambah 1 lagi
  `),
  view_cart: lines(`
    lihat isi keranjang saya
    keranjangnya isinya apa aja kak
    cek troli saya
    barang di keranjang apa aja
    coba tampilkan keranjang belanjaan
    total di keranjang berapa
    mana keranjang saya
    apa aja yang sudah saya masukkan
  `),
  checkout: lines(`
    saya mau menyelesaikan pembayaran
    lanjut ke pembayaran
    bayar pesanan sekarang
    udah cukup, mau checkout
    proses checkout dong
    saya siap bayar
  `),
  browse_category: lines(`
    ada jual tas?
    lihat koleksi sepatu dong
    mau lihat-lihat baju
    ada gamis?
    cari kemeja
    ada aksesoris apa aja
    tampilkan semua tas
    lihat dress yang ada
    ada celana jeans?
    koleksi dekorasi rumah apa aja
  `),
  cancel_order: lines(`
    saya ingin membatalkan pesanan saya
    tolong batalkan pesanan nomor 12345
    bagaimana cara membatalkan pesanan
    pesanan saya mau dibatalin kak
    gak jadi beli, bisa dicancel?
    bisa cancel orderan gak kak
  `),
};
