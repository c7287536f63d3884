/** Indonesian training examples (chat style: "kak", "gan", "brp", "ready"), written for this project. */
import { type Examples, lines } from "./lines";

export const id: Examples = {
  greeting: lines(`
    halo
    halo kak
    hai kak
    hai
    selamat pagi
    selamat siang kak
    selamat sore
    selamat malam
    pagi kak
    permisi kak
    assalamualaikum
    halo min
    hallo gan
    siang min
    misi kak mau tanya
    halo, ada orang?
    hai kak apa kabar
  `),
  product_question: lines(`
    berapa harga {product}?
    {product} berapa kak?
    harga {product} berapa
    brp harganya kak
    harganya berapa?
    berapa ya kak
    {product} harganya brp
    {product} ready kak?
    ready stok {product}?
    masih ada {product}?
    {product} masih ada kak?
    ada stok gak?
    stoknya ready?
    yang merah ready?
    ada ukuran L kak?
    ada size M gak
    ukurannya apa aja?
    {product} ada ukuran apa aja
    size apa aja kak
    ada warna apa aja?
    warnanya apa aja kak
    {product} ada warna hitam?
    ada yang putih gak
    bahannya apa kak?
    {product} bahannya apa
    bahan apa ini kak
    detail {product} dong
    info {product} kak
    minta info {product}
    {product}
    {product} kak
    ini bagus gak kak
    {product} ukuran 40 ada?
    yang biru ukuran M ada kak?
    harga {product} yang hitam berapa
    {product} habis ya kak?
    masih tersedia?
    ready?
    ready kak?
    berapaan kak
  `),
  browse_category: lines(`
    ada sepatu?
    ada jual tas kak?
    lihat dress dong
    mau lihat kaos
    liat celana dong kak
    ada jaket gak
    jual kemeja?
    ada sandal kak
    koleksi tas nya apa aja
    mau cari sepatu
    lagi cari gaun buat pesta
    ada jam tangan?
    ada aksesoris gak kak
    lihat katalog dong
    jual apa aja kak?
    produknya apa aja
    mau lihat semua produk
    ada baju anak?
    ada rok kak
    kaos warna hitam ada?
    liat sepatu ukuran 40
    ada perhiasan gak
    tampilkan tas
  `),
  recommendation: lines(`
    rekomendasi dong kak
    ada rekomendasi?
    yang paling laris apa kak
    produk terlaris apa
    yang bagus apa ya
    saran kak mau beli apa
    kado buat pacar apa ya
    hadiah untuk ibu yang cocok apa
    rekomen sepatu buat lari
    yang lagi ngetren apa
    bagusan yang mana kak
    cocok buat kondangan yang mana
    pilihin dong kak
    yang paling best seller apa
    yang paling bagus yang mana
    ada saran buat liburan ke pantai
    menurut kakak bagus yang mana
    yang populer apa aja
  `),
  add_to_cart: lines(`
    mau beli {product}
    saya mau beli {product} 2
    beli {product} 1 ya
    order {product} warna merah ukuran M
    pesan {product} 2 pcs
    mau order 3 kak
    ambil yang hitam kak
    saya ambil 2
    masukin keranjang ya
    masukkan ke keranjang
    tambah {product} ke keranjang
    tambahkan satu lagi
    aku mau {product} yang biru
    beli dua ya kak
    mau pesan {product}
    saya order {product} size L
    ambil 1 kak
    mau yang ini kak
    oke saya beli
    mau beli yang ini
    beli {product} dua buah
    pesan satu ya
    order ya kak
    saya mau 3 pasang
    jadi ambil yang putih
  `),
  view_cart: lines(`
    lihat keranjang
    keranjang saya
    isi keranjang apa aja
    cek keranjang dong
    keranjangku isinya apa
    total belanja berapa
    totalnya berapa kak
    apa aja yang udah saya pesan
    liat troli
    udah masuk keranjang belum
    tampilkan keranjang
    keranjang belanja
  `),
  checkout: lines(`
    checkout
    mau checkout kak
    saya mau bayar
    bayar sekarang
    lanjut bayar
    mau bayar gimana caranya
    proses pesanan saya
    udah itu aja, checkout ya
    lanjut checkout
    konfirmasi pesanan
    selesai belanja, mau bayar
    co sekarang
    oke lanjut pembayaran
    saya mau selesaikan pesanan
  `),
  order_status: lines(`
    pesanan saya sampai mana?
    paket saya kok belum sampai
    kapan pesanan saya sampai
    cek status pesanan
    nomor resi nya berapa kak
    minta resi dong
    pesanan saya udah dikirim belum?
    orderan saya gimana kak
    lacak pesanan
    status orderan saya
    barang saya udah dikirim?
    kapan nyampe kak
    paketku di mana sekarang
    udah diproses belum pesanan saya
    kapan dikirim kak
    pesanan kemarin sudah dikirim?
  `),
  faq: lines(`
    ongkirnya berapa?
    ongkir ke surabaya berapa
    pengiriman berapa lama?
    berapa hari sampai
    bisa kirim ke luar negeri?
    pakai kurir apa kak
    bisa retur gak?
    cara retur gimana
    kebijakan pengembalian barang gimana
    bisa tukar ukuran?
    bisa refund?
    mau refund kak
    bisa bayar pakai apa aja?
    bisa cod?
    bisa bayar di tempat?
    bisa transfer bank?
    bisa pakai ovo atau gopay
    tokonya buka jam berapa?
    jam operasional kapan
    alamat tokonya di mana
    ada toko offline?
    ada garansi?
    garansinya berapa lama
    bisa ganti alamat pengiriman?
    ada diskon gak kak
    ada kode promo?
    barangnya original?
    ori atau kw kak
    bisa beli grosir?
    bisa dibungkus kado?
    nomor whatsapp admin berapa
    bisa cicilan?
    cara ordernya gimana kak
    refund saya kapan masuk
    ada gratis ongkir?
    cara tau ukuran yang pas gimana
  `),
  human: lines(`
    mau bicara dengan admin
    bisa sambungkan ke cs?
    saya mau ngobrol sama orang
    tolong hubungkan ke customer service
    minta admin asli dong
    ini bot ya? mau sama manusia
    bisa telpon saya?
    mau bicara sama operator
    cs nya mana
    panggil admin dong
    hubungi saya kak
    saya butuh bantuan orang
  `),
  complaint: lines(`
    barangnya rusak
    barang yang datang salah
    kok ukurannya salah kirim
    kecewa banget sama pelayanannya
    kualitasnya jelek
    pesanan saya kurang satu
    paketnya belum sampai udah dua minggu
    bajunya sobek
    warnanya beda sama di foto
    saya mau komplain
    parah banget tokonya
    udah bayar tapi barang gak datang
    sepatunya cacat
    penipu ya?
    pelayanan lambat banget
    barangnya gak sesuai pesanan
    kurirnya kasar
    saldo udah kepotong tapi pembayaran gagal
  `),
  thanks: lines(`
    terima kasih
    makasih kak
    makasih ya
    terima kasih banyak
    thanks kak
    makasi gan
    trims
    oke makasih
    sip makasih
    terimakasih infonya
    makasih udah bantu
  `),
  goodbye: lines(`
    dadah
    sampai jumpa
    bye kak
    sampai nanti
    udah itu aja, makasih bye
    selamat tinggal
    oke sampai jumpa lagi
    pamit dulu kak
    dah dulu ya
  `),
  remove_from_cart: lines(`
    hapus {product} dari keranjang
    hapus {product}
    gak jadi {product}
    keluarkan {product} dari keranjang
    tolong hapus yang merah
    {product} nya dihapus aja kak
    buang {product} dari keranjang
    kurangi satu {product}
    saya tidak jadi beli {product}
    hapus item terakhir
    keluarin yang hitam ukuran M
    nggak jadi ambil {product}
  `),
  clear_cart: lines(`
    kosongkan keranjang
    hapus semua isi keranjang
    kosongin keranjang saya
    mulai dari awal aja
    hapus semuanya
    reset keranjang
    bersihkan keranjang saya
    gak jadi semua, kosongkan aja
    ulang dari awal ya kak
    keluarkan semua barang dari keranjang
  `),
  cancel_order: lines(`
    cara batalkan pesanan gimana
    mau batalin pesanan
    batalkan pesanan saya
    cancel pesanan 10432 ya
    salah pesan, tolong dibatalkan
  `),
  stop: lines(`
    berhenti
    stop kirim pesan
    jangan kirim pesan lagi
    unsubscribe
    saya tidak mau dapat promo lagi
    berhenti langganan
    jangan chat saya lagi
    stop kirim promo ya kak
    jangan hubungi saya lagi
    gak usah kirim pengingat lagi
  `),
  unknown: lines(`
    cuaca hari ini gimana
    ceritain lelucon dong
    kamu umur berapa
    siapa presiden sekarang
    aku lagi bosan
    kamu tinggal di mana
    kucingku lagi tidur
    suka makan nasi goreng gak
    tolong kerjain pr saya
    pesan tiket pesawat
    wkwkwk
    asdfjkl
  `),
};
