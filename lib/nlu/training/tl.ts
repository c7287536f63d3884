/** Tagalog and Taglish training examples ("po", "hm", "avail pa", "pa-mine"), written for this project. */
import { type Examples, lines } from "./lines";

export const tl: Examples = {
  greeting: lines(`
    hello po
    hi po
    magandang umaga po
    magandang hapon
    magandang gabi po
    kumusta po
    kamusta
    good morning po
    hello po, may tanong ako
    hi po ate
    hello kuya
    musta na
    magandang araw po
    hi po, pwede magtanong?
    helo po
  `),
  product_question: lines(`
    magkano po {product}?
    magkano yung {product}
    hm po {product}
    hm po
    magkano po ito
    magkano?
    presyo po ng {product}
    how much po {product}
    hm {product} po
    available pa po ba {product}?
    avail pa po?
    meron pa po ba?
    may stock pa po {product}?
    meron pa bang pula?
    meron po kayong size M?
    available po ba sa size L?
    anong sizes po meron?
    ano po available na size
    may large po ba?
    anong kulay po meron {product}?
    ano pong kulay available
    may itim po ba?
    meron bang puti nito
    ano po tela ng {product}?
    anong material po ito
    gawa sa ano po ito
    pa-detalye po ng {product}
    ano po description ng {product}
    {product} po
    {product}
    ito po magkano
    ubos na po ba?
    meron pa po ba sa size 40
    magkano po yung asul na {product} size M
    ok po ba quality ng {product}
    tanong lang po, magkano {product}
    pwede pa-check kung may stock pa
  `),
  browse_category: lines(`
    may sapatos po kayo?
    patingin po ng mga bag
    pakita po ng mga dress
    may tinda po ba kayong pantalon
    meron po kayong jacket?
    gusto ko makita mga damit
    ano po mga bag niyo
    naghahanap po ako ng sandals
    may relo po ba kayo
    pakita po lahat ng products
    ano po mga tinda niyo
    patingin po ng catalog
    may alahas po kayo?
    meron po bang pambata
    may t-shirt po kayo?
    patingin ng itim na sapatos
    may palda po?
    tingin po ng mga accessories
  `),
  recommendation: lines(`
    ano po marerecommend niyo?
    ano po maganda
    ano po best seller niyo
    ano pinakamabenta
    pa-suggest naman po
    regalo para sa nanay ko, ano maganda?
    ano bagay sa akin
    ano po ang sikat ngayon
    anong magandang sapatos pang-takbo
    pili po kayo para sakin
    ano po mas maganda sa dalawa
    may suggestion po ba kayo
    ano po pwede pang-regalo
    pang-beach po, ano maganda
    recommend po kayo
  `),
  add_to_cart: lines(`
    mine po
    mine {product}
    pa-mine po ng pula
    pabili po ng {product}
    pabili po 2
    bibili po ako ng {product}
    kukunin ko po yung itim
    kuha ako ng 2
    order po ako ng {product} size M
    pa-order po 3 piraso
    isang {product} po
    dalawang {product} po
    add to cart po
    pakidagdag po sa cart
    kukunin ko po ito
    sige po bibilhin ko na
    gusto ko po bilhin yung asul
    order ko po yung {product}
    bili ako ng tatlo
    isa pa po
    dagdag po isa
    kunin ko na po yung puti size L
    paorder po
  `),
  view_cart: lines(`
    ano laman ng cart ko?
    patingin ng cart ko
    cart ko po
    ano na po mga na-add ko
    check cart po
    magkano na total ko
    ano po total ng cart
    pakita po yung cart
    nasa cart na ba?
    laman ng cart
  `),
  checkout: lines(`
    check out na po
    checkout po
    magbabayad na po ako
    pa-checkout po
    bayad na po ako
    paano po magbayad
    tapos na po, checkout
    i-confirm na po order ko
    place order na po
    ok na po, bayad na
    proceed na po
    icheckout ko na
  `),
  order_status: lines(`
    nasaan na po order ko?
    kailan po darating order ko
    na-ship na po ba?
    asan na po parcel ko
    tracking number po
    pa-track po ng order ko
    status po ng order ko
    wala pa po yung order ko
    kailan po ipapadala
    naipadala na po ba order ko
    pa-update po sa order
    order ko po kailan dadating
    na-process na po ba order ko
  `),
  faq: lines(`
    magkano po shipping?
    magkano po shipping fee sa cebu
    gaano po katagal ang delivery?
    ilang araw po bago dumating
    nagshi-ship po ba kayo abroad
    pwede po ba ibalik?
    paano po mag-return
    pwede pa-exchange ng size
    pwede po refund?
    ano po mode of payment?
    pwede po gcash?
    may cod po ba?
    cash on delivery po ba
    anong oras po kayo bukas
    saan po location niyo
    may physical store po ba kayo
    may warranty po ba
    pwede po palitan address
    may discount po ba
    may promo po ba ngayon
    original po ba ito
    legit po ba kayo
    may wholesale price po ba
    pwede po installment
    paano po umorder
    kailan po babalik pera ko sa refund
    may free shipping po ba
    paano malalaman size ko
  `),
  human: lines(`
    pwede po makausap ang totoong tao?
    gusto ko po kausapin ang agent
    pa-connect po sa customer service
    tao po ba kausap ko?
    pakausap po sa admin
    kailangan ko po ng tao
    real person po please
    admin po please
    pwede po tawagan niyo ako
    sino po pwede makausap
    may live agent po ba
  `),
  complaint: lines(`
    sira po yung dumating
    mali po yung item na pinadala
    mali po size na binigay
    ang pangit ng quality
    dismayado po ako
    punit po yung damit
    kulang po yung order ko
    ang tagal dumating ng order ko
    dalawang linggo na wala pa rin
    scam ba kayo?
    iba po kulay sa picture
    ireklamo ko po kayo
    nagbayad na ako pero wala pa
    sira agad yung sapatos
    bastos yung rider
    nabawasan pera ko pero failed yung payment
    hindi ko po nagustuhan, panget
  `),
  thanks: lines(`
    salamat po
    maraming salamat po
    thank you po
    salamat
    ty po
    salamuch
    sige po salamat
    thanks po
    salamat sa tulong
    okay po salamat
  `),
  goodbye: lines(`
    paalam po
    bye po
    sige po, bye
    ingat po
    sige na po
    hanggang sa muli
    bye na po
    sige po, salamat, bye
    babay
  `),
  remove_from_cart: lines(`
    alisin mo yung {product}
    pakitanggal po ang {product} sa cart
    ayoko na ng {product}
    tanggalin yung pula
    paalis po ng {product}
    wag na yung {product}
    alisin ang isang {product}
    bawasan ng isa yung {product}
    i-remove mo yung {product}
    ayaw ko na nung {product}
    tanggalin mo na lang yan
    pakialis po yung huli kong nilagay
  `),
  clear_cart: lines(`
    alisin lahat sa cart ko
    pakiclear po ng cart
    tanggalin lahat
    burahin lahat ng nasa cart
    ulitin na lang natin
    umpisa ulit tayo
    i-clear mo yung cart
    wala na, alisin lahat
    linisin ang cart ko
    simula ulit po
  `),
  cancel_order: lines(`
    paano po mag-cancel ng order
    pwede pa po ba i-cancel
    cancel ko na lang po yung order
    pakikansela po ng order ko
    ayoko na sa order ko, icancel nyo
    i-cancel nyo po order 10432
  `),
  stop: lines(`
    stop
    tigil na po
    wag na kayong mag-message sa akin
    unsubscribe po
    ayoko na ng mga promo
    itigil nyo na ang pagpapadala ng messages
    huwag nyo na ako i-message
    tama na po ang mga message
    ayoko na makatanggap ng reminder
    stop na po sa mga notification
  `),
  unknown: lines(`
    ano panahon ngayon
    kwentuhan mo ako ng joke
    ilang taon ka na
    sino presidente
    nababagot ako
    saan ka nakatira
    natutulog pusa ko
    gusto mo ba ng adobo
    gawin mo assignment ko
    hahaha
    jsjsjsjs
  `),
};
