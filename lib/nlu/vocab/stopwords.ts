/**
 * Words that never identify a product: function words and the words of shopping talk itself ("price",
 * "available", "want", "berapa", "magkano", "多少"). A product whose title happens to contain one ("Everyday
 * Tote") is still found by its other words.
 */
import { LazySet } from "../lazy";
import { tokenize } from "../text";

const LISTS = [
  // en
  "a an the this that these those it its is are was were be been am do does did have has had i me my mine you your we our us they them he she him her of in on at to for from with by about as and or but if so not no yes ok okay okey oke pls plz please can could would will shall should may might just also too very really still any some all more most other another which what whats who how when where why there here than then only one ones thing things stuff get got give show see look tell know need want wanna would like love take buy buying bought order ordering add put make let lets im ive id dont doesnt isnt cant hi hello hey thanks thank u ur r pcs pc piece pieces price prices cost costs much many available availability stock stocks size sizes color colour colors colours item items product products new good nice best cheap expensive sale left still else per each sell selling sold have got available? hm hmm lol pair pairs set sets unit units kind type model version",
  // id
  "ada apa apakah aja saja yang yg dan atau di ke dari untuk utk buat dengan dgn ini itu nya ya yaa iya ga gak nggak tidak tdk bisa boleh mau ingin pengen pingin beli membeli pesan order kak ka kakak gan sis min admin mas mbak bang bu pak dong deh sih kok lah kah nih tuh juga lagi masih sudah udah belum blm berapa harga harganya brp stok ready tersedia ukuran warna jual dijual punya saya aku gue gw kamu anda kalian kita kami tolong jangan minta cari lihat liat mana sama semua barang produk pcs buah biji pasang yang mana ok oke sip siap",
  // tl
  "ang ng mga sa si ni ay at o pero kung para po opo ho oo hindi di wala meron mayroon may ba na nga lang din rin naman pa ko mo niya namin natin kayo sila ako ikaw ka siya ito iyan iyon yan yun yung iyong nito niyan ano anong alin sino saan kailan paano bakit magkano ilan gusto gustong bili bumili pabili kuha kukunin order pa-order mag order pwede puwede pede pakita patingin tingin tignan sige salamat presyo halaga available avail stock size kulay sukat piraso pares item ok okay naman talaga",
  // ar (normalised: no hamza, teh marbuta as heh)
  "في من الى علي على عن مع هل ما ماذا كم بكم بكام كيف متى اين وين فين هذا هذه هذي ذا ده دي هاد هاذا ذلك تلك اللي الذي التي انا انت انتم احنا نحن هو هي هم عندك عندكم عندي فيه في لو سمحت لوسمحت ممكن بدي ابي ابغى ابغي اريد عايز عاوز بغيت شو ايش وش يا و او ثم لا نعم اي ايوه مش ليس سعر السعر ثمن متوفر موجود متاح مقاس لون الوان شراء اشتري اطلب طلب منتج منتجات قطعه حبه شي شيء كل بعض",
  // zh (single characters and common words; Han is matched character by character)
  "的 了 吗 呢 吧 啊 呀 嘛 么 是 有 没 不 在 我 你 您 他 她 它 们 这 那 个 件 双 条 只 套 也 都 和 与 或 想 要 买 请 问 一 下 多 少 钱 价 格 什 怎 样 还 能 可 以 吗 哪 些 款 色 号 码 尺 寸 货 库 存 看 给 帮 好 谢",
];

/** Keys of the stopwords of all five languages. */
export const STOPWORDS: ReadonlySet<string> = new LazySet(() =>
  LISTS.flatMap((list) => list.split(/\s+/).flatMap((w) => tokenize(w).map((t) => t.key))),
);
