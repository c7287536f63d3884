/**
 * English training examples, written for this project (not taken from any evaluation set). `{product}`
 * stands for a product name; colours, sizes, categories and numbers are written out and masked the same
 * way as in real messages.
 */
import { type Examples, lines } from "./lines";

export const en: Examples = {
  greeting: lines(`
    hi
    hello
    hey there
    hi there!
    hello, anyone here?
    good morning
    good afternoon
    good evening
    hey, how are you?
    hi, is anyone available?
    hello shop
    yo
    morning!
    hiii
    helloo
    hi good day
    greetings
    hey what's up
    hello, i have a question
  `),
  product_question: lines(`
    how much is {product}?
    how much for {product}
    what's the price of {product}
    price of {product} please
    {product} price?
    how much does {product} cost
    how much is this one
    how much?
    price?
    is {product} available?
    is {product} in stock
    do you still have {product}?
    do you have {product} in red?
    is the blue one available in size M
    any {product} left?
    is it sold out?
    what sizes does {product} come in?
    what sizes do you have for {product}
    which sizes are available
    does it come in XL?
    is there a large?
    what colors does {product} come in?
    what colours are available
    does {product} come in black?
    any other colors?
    what is {product} made of?
    what material is it?
    is {product} cotton?
    what fabric is the {product}
    tell me more about {product}
    can you describe {product}
    more details about {product} please
    what's {product} like?
    {product}
    the {product}
    {product}?
    info on {product}
    is the {product} good quality?
    how much is the red {product} in M
    does the {product} run small?
    is the {product} in stock in size 42
    do you have this in green
    got {product} in white?
    what's the cost of {product}
    {product} how much
    in stock?
    still available?
    is {product} waterproof
    does {product} fit true to size
  `),
  browse_category: lines(`
    show me dresses
    do you have shoes?
    do you sell bags
    i'm looking for a jacket
    show me your tops
    what shoes do you have
    can i see your dresses
    i want to see some pants
    let me see the accessories
    do you have any jeans
    show me red dresses
    any sneakers?
    looking for sandals
    what kinds of bags do you sell
    browse watches
    i need a new coat
    got any skirts?
    show me everything
    what do you sell?
    what products do you have
    show me your catalog
    i'd like to browse
    do you carry swimwear
    show me shirts in size L
    any black boots?
    I'm searching for a handbag
    do you have kids clothes
    show me jewelry
    what tops are available
    list your shoes
    necklaces?
    dresses please
    show me something in blue
  `),
  recommendation: lines(`
    what do you recommend?
    can you recommend something
    any suggestions?
    what's popular right now
    what are your best sellers
    what's trending
    i need a gift for my mom
    gift ideas for my boyfriend?
    what should i buy
    what would you suggest for a wedding
    recommend me a dress
    which one is the best
    what's your most popular item
    suggest something for summer
    what goes well with {product}
    help me choose
    i don't know what to get, any ideas?
    what's good for the office
    top rated products?
    something nice for a birthday present
    which shoes are best for running
    what do people usually buy
    can you pick something for me
    what is best for a beach trip
    which is better
    something for the beach
    something for a party
    anything for the gym?
    looking for something to wear to a wedding
    got anything for rainy days
    more like this
    show me similar ones
    anything similar?
  `),
  add_to_cart: lines(`
    add {product} to my cart
    add {product} to cart
    i'll take {product}
    i want to buy {product}
    i want {product}
    i'll take 2
    add 2 of {product}
    i want 3 pcs of {product} in red
    put {product} in my cart
    add it to my cart
    add this one
    yes add it
    i'll buy it
    buy {product}
    i'd like to order {product}
    order 2 {product} size M
    give me {product} in black, size L
    i'll take the red one in M
    add one more
    i want two
    can i get {product}
    i want to order 5 pieces
    add to cart
    i'll have {product} x2
    add 1 {product}
    i want to buy this
    purchase {product}
    i'll get the blue one
    take 3
    can you add {product} for me
    i need 2 of these
    get me one in size 40
  `),
  view_cart: lines(`
    show my cart
    what's in my cart?
    view cart
    my cart
    cart
    check my cart
    what did i add
    show me my basket
    what have i got in my cart
    how much is my cart
    cart total?
    what's my total
    see cart
    open my cart
    what's in my basket so far
    list my items
    did you add it to my cart?
    show me what i ordered so far
  `),
  checkout: lines(`
    checkout
    check out
    i want to check out
    proceed to checkout
    i'm ready to pay
    let's pay
    pay now
    how do i pay for my cart
    place my order
    place the order
    confirm my order
    i want to complete my purchase
    finish my order
    that's all, checkout please
    i'd like to place an order
    i want to pay
    go to payment
    buy now
    complete the order
    ok let's checkout
    i'm done shopping
    proceed
    confirm purchase
  `),
  order_status: lines(`
    where is my order?
    track my order
    order status
    what's the status of my order
    has my order shipped?
    when will my order arrive
    my package hasn't arrived yet, where is it
    tracking number please
    can you track my package
    did you ship my order
    when is my parcel coming
    i ordered last week, where is it?
    where's my stuff
    order #12345 status
    has it been shipped yet
    is my order on the way
    check my order
    how is my delivery going
    when do i get my order
    what happened to my order
    any update on my order?
    i want to know where my package is
  `),
  faq: lines(`
    how much is shipping?
    how long does delivery take?
    do you ship internationally?
    do you deliver to my city
    what are the shipping fees
    what is your return policy?
    can i return an item?
    how do i return something
    can i exchange for another size
    how do i get a refund
    i want a refund
    i want to return my order
    what payment methods do you accept?
    do you accept credit cards?
    can i pay with paypal
    do you have cash on delivery?
    is cod available
    what are your opening hours?
    when are you open
    where is your store located?
    do you have a physical shop
    do your products have a warranty?
    can i change my order
    can i change my delivery address
    i need to update my shipping address
    is there a cancellation fee
    do you have any discount codes
    any promo right now?
    are your products original?
    is it authentic
    do you sell wholesale
    do you offer gift wrapping
    how can i contact you by phone
    how do i reach customer service
    what's the customer support number
    what's your email
    how long do refunds take
    what are the delivery options
    is there express shipping
    do you have free shipping
    how do i know my size
    do you have a size chart
    when will i get my refund
    how do i order from you
    how does ordering work
    can i pay in installments
    what happens if my item is damaged in shipping
    how do i create an account
    is there a fee for returns
  `),
  human: lines(`
    i want to talk to a human
    can i speak to a real person
    let me talk to an agent
    connect me to customer service
    i need a human
    human please
    agent
    talk to someone
    are you a bot? i want a person
    get me a real person
    customer support please
    i want to speak with a representative
    transfer me to a live agent
    is there anyone who can help me
    i'd rather talk to a staff member
    call me please
    can someone from the store contact me
    i need to speak to the manager
    operator
    stop the bot, real human please
  `),
  complaint: lines(`
    my item arrived broken
    i received the wrong item
    the product is damaged
    this is terrible service
    i'm very disappointed
    the quality is bad
    the shirt i got is torn
    you sent me the wrong size
    my order is missing an item
    it's been two weeks and nothing arrived
    this is unacceptable
    worst shop ever
    the color is not what i ordered
    i want to complain
    i have a complaint
    the zipper broke after one day
    the shoes are falling apart
    why is my order so late
    i paid but never got anything
    the package was empty
    your delivery guy was rude
    this is a scam
    the item doesn't match the picture
    my payment failed but money was taken
    i was charged twice
    i'm not happy with my purchase
    the product stopped working
  `),
  thanks: lines(`
    thanks
    thank you
    thank you so much
    thanks a lot
    thx
    ty
    many thanks
    great, thanks
    ok thank you
    thanks for your help
    appreciate it
    awesome thanks
    perfect, thank you!
    cool thanks
    that's helpful, thanks
  `),
  goodbye: lines(`
    bye
    goodbye
    see you
    see you later
    bye bye
    that's all, bye
    ok bye
    have a nice day
    take care
    good night
    talk to you later
    i'm leaving now
    catch you later
    nothing else, bye
  `),
  remove_from_cart: lines(`
    remove {product} from my cart
    remove {product}
    take {product} out of my cart
    take out the red one
    i don't want {product} anymore
    i don't want the {product} after all
    delete {product} from the cart
    remove the last item
    get rid of {product}
    remove one {product}
    remove 2 of {product}
    take one off
    drop {product}
    i changed my mind about {product}
    remove it
    take it out
    can you remove the blue one in L
    i no longer want {product}
    please delete that item
    minus one {product}
    don't need {product} anymore
    cancel the {product}, keep the rest
  `),
  clear_cart: lines(`
    empty my cart
    clear my cart
    clear the cart please
    start over
    let's start over
    remove everything from my cart
    delete all items
    empty the basket
    i want to start again
    reset my cart
    clear everything
    remove all items
    take everything out of my cart
    i don't want any of it, empty the cart
    wipe my cart
    start from scratch
  `),
  cancel_order: lines(`
    cancel my order
    i want to cancel my order
    how do i cancel my order
    cancel order 10432
    please cancel the order i just placed
    i need to cancel my purchase
    can you cancel my order
    cancel it, i don't want the order anymore
    i placed an order by mistake, cancel it
    call off my order
    i want to cancel order 55821
    can i still cancel my order
    cancel my last order
    i changed my mind, cancel the order
    stop my order
    don't ship my order, cancel it
  `),
  stop: lines(`
    stop
    unsubscribe
    stop sending me messages
    don't message me again
    please stop messaging me
    unsubscribe me
    i don't want any more messages
    no more promotions please
    stop the reminders
    opt out
    remove me from your list
    don't send me offers anymore
    stop texting me
    leave me alone, no more messages
    i don't want notifications
    stop all messages
    turn off notifications
    no more reminders please
  `),
  unknown: lines(`
    what's the weather today
    tell me a joke
    who won the game last night
    what is the meaning of life
    are you married
    can you do my homework
    what is 2 plus 2
    who is the president
    i like turtles
    sing me a song
    what's your favorite movie
    how old are you
    where do you live
    the sky is blue
    my cat is sleeping
    do you like pizza
    asdfgh
    qwerty
    blah blah
    lorem ipsum dolor
    book me a flight
    what time is it in london
    translate hello to french
    i'm bored
  `),
};
