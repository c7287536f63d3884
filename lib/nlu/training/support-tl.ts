/**
 * More Tagalog and Taglish examples, written for this project: help-desk requests and chat messages with
 * the particles shoppers add ("po", "ba", "na", "naman", "nga"), verb forms with -um-/-in-/mag-/i-/pa-, and
 * English words inside Tagalog sentences ("pa-cancel po ng order").
 */
import { lines, type SupportExamples } from "./lines";

export const supportTl: SupportExamples = {
  faq: {
    cancel: lines(`
      may bayad po ba kapag kinansela
      may penalty ba pag nag-cancel
      magkano po cancellation fee
    `),
    change: lines(`
      gusto ko po baguhin yung order ko
      pwede pa po ba palitan laman ng order ko
      pa-edit po ng order ko
      pwede ko pa ba dagdagan order ko
      mali po yung address na nilagay ko
      pwede po ba palitan ang delivery address
      lumipat po ako, pakibago ng address
      ibang address na lang po ipadala
      pwede po ba credit card
    `),
    pay: lines(`
      ano po mga payment method niyo
      paano po ako magbabayad
      tumatanggap ba kayo ng maya
      pwede ba bank transfer
    `),
    refund: lines(`
      ano po refund policy niyo
      pwede ko bang makuha ulit pera ko
      gusto ko po mag-refund
      pa-refund po ng order ko
      ibalik niyo na lang po pera ko
      nasaan na po refund ko
      wala pa po yung refund ko
      kailan po maibabalik ang bayad ko
      na-process na po ba refund ko
    `),
    contact: lines(`
      paano po kayo makokontak
      ano po number ng customer service
      may email po ba kayo
      saan pwede tumawag
    `),
    ship: lines(`
      ano po mga delivery option niyo
      anong courier po gamit niyo
      may same day delivery po ba
      may express po ba kayo
    `),
    time: lines(`
      ilang araw po ang shipping
      gaano katagal bago ko matanggap
      kailan po darating kung umorder ako ngayon
    `),
    howto: lines(`
      paano po bumili sa inyo
      paano po mag-order dito
      hindi ko po alam paano umorder
      ano po steps para makabili
      pwede po ba umorder online
    `),
    return: lines(`
      pwede po ba ibalik kung hindi kasya
    `),
    exchange: lines(`
      pwede bang ipapalit ng ibang kulay
    `),
    hours: lines(`
      bukas po ba kayo ng sabado
    `),
    store: lines(`
      saan po shop niyo
    `),
    warranty: lines(`
      may warranty po ba relo
    `),
    gift: lines(`
      pwede po ba ipa-gift wrap
    `),
    fit: lines(`
      anong size po ba bagay sakin
    `),
  },
  complaint: lines(`
    hindi po pumasok bayad ko
    nagbayad na po ako pero failed daw
    nabawasan gcash ko pero walang order
    dalawang beses po akong na-charge
    may problema po sa bayad ko
    gusto ko po mag-reklamo
    magrereklamo po ako
    sira po yung dumating na item
    mali po yung pinadala niyo
    kulang po yung order ko
    ang tagal naman ng delivery, dismayado ako
    hindi po ako satisfied sa binili ko
    punit po yung damit
    ang pangit ng quality
    hindi po sumasagot yung seller
    walang laman yung parcel
    hindi tugma sa picture
    ang bastos ng rider
  `),
  order_status: lines(`
    na-deliver na po ba yung order ko
    saan na po banda yung parcel
    ano na pong status ng order ko
    kelan po makakarating yung inorder ko
    paki-follow up po yung order ko
    may update na po ba sa order ko
    hindi ko pa natatanggap yung order ko
    pa-check po ng status ng order 12345
    nasaan na po yung parcel ko
    naipadala niyo na po ba
    hanggang ngayon wala pa order ko
    pwede pong pa-track
    kailan po dadating yung inorder ko
    ano po tracking number ko
    na-ship out na po ba
  `),
  human: lines(`
    gusto ko pong makausap ang tao
    may agent po ba na pwedeng kausapin
    pakausap naman sa staff
    pa-transfer po sa live agent
    ayoko po sa bot, tao po sana
    pwede ba tumawag sa inyo ang agent
  `),
  add_to_cart: lines(`
    kukunin ko po ang {product}
    bibilhin ko na po yung {product}
    pa-add po ng {product} sa cart
    isama niyo po yung {product}
    pakuha po ng {product} na itim
    {product} po isa
    {product} dalawa po
    gusto ko po ng {product}
    gusto ko yung pula size M
    mag-order po ako ng {product}
    oorder po ako ng dalawa
    bili po ako ng {product} na puti
    pa-reserve po ng {product}
    yung {product} po kukunin ko
    sige kukunin ko na yan
    ilagay sa cart yung {product}
    pabili nga po ng isa
  `),
  view_cart: lines(`
    ano na po nasa cart ko
    pakita po ng laman ng cart
    tingnan ko nga cart ko
    magkano na po lahat
    ano po mga inorder ko so far
    check ko lang po cart
  `),
  checkout: lines(`
    i-order ko na po lahat
    i-order ko na lahat ng nasa cart
    pa-process na po ng order ko
    iprocess niyo na po order ko
    order ko na po lahat ng ito
    ituloy ko na po ang order
    i-confirm niyo na po ang order ko
    kumpirmahin na po ang order
    place order ko na po ito
    babayaran ko na po
    bayaran ko na yung nasa cart
    mag-checkout na ako
    pwede na po ba mag-checkout
    sige po, i-checkout niyo na
    ok na po lahat, pa-checkout
    tuloy na po sa bayaran
    magbabayad na po ako ngayon
    pa-checkout na po lahat
    tapos na po ako mamili
    ituloy na po ang order
    pa-confirm na po ng order ko
    sige checkout na
  `),
  browse_category: lines(`
    may bag po ba kayo
    patingin po ng mga sapatos
    ano po mga damit niyo
    may dress po ba kayo
    pakita po ng accessories
    may tinda po ba kayong relo
    patingin ng mga bag niyo
    may pantalon po ba kayo
    anong mga gamit sa bahay meron kayo
  `),
  product_question: lines(`
    magkano po yung {product}?
    meron pa po bang {product}
    available pa po ba yung {product}
    anong kulay meron yung {product}
    may size L po ba yung {product}
    gawa sa ano yung {product}
    ano po tela nito
    ilan na lang stock
  `),
  cancel_order: lines(`
    gusto ko po i-cancel ang order ko
    pa-cancel po ng order 12345
    paano ko po kakanselahin ang order ko
    hindi ko na po kailangan, pwede ba icancel
    ikansela niyo na lang po order ko
  `),
};
