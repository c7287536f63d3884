/**
 * English customer-support requests, written for this project in the long, polite style of help-desk
 * messages ("could you help me …", "I'd like to know …") and in short chat style with typos, so that policy
 * questions, complaints, order tracking and requests for a person are recognised however they are worded.
 * Numbers stand for order ids and amounts: they are masked like any number in a message.
 */
import { lines, type SupportExamples } from "./lines";

export const supportEn: SupportExamples = {
  faq: {
    cancel: lines(`
      is there a fee if i cancel
      do you charge anything for cancelling
      how much is the cancellation charge
      will i be charged a penalty for cancelling my order
      are there any cancellation fees
      what does it cost to cancel an order
      is cancelling free
      i want to check the early termination fee
    `),
    change: lines(`
      i'd like to change my order
      can i modify the order i just placed
      i need to edit my purchase
      help me update my order 3321
      i want to swap an item in my order for another one
      can i add an item to an order i already placed
      i made a mistake in my order, can i fix it
      how can i change something in my order
      i need to change the shipping address on my order
      can i update my delivery address
      i moved, how do i change the address for my order
      i entered the wrong address, can you change it
      help me correct the shipping address
      i'd like to set a different delivery address
      can you send my order to another address
      how do i edit the address on my purchase
      i'd like to know the delivery time for my address
      i want to remove an item from the order i placed
      can you take one product out of my order 3321
      delete an article from my purchase please
    `),
    pay: lines(`
      what payment options do you have
      what forms of payment do you accept
      which payment methods can i use
      can i pay by bank transfer
      do you accept debit cards
      i want to know how i can pay
      tell me the payment methods available
      is paypal accepted
      can i pay with apple pay
      what are my options to pay for an order
    `),
    refund: lines(`
      what is your refund policy
      can you explain your refund policy
      in which cases can i get my money back
      do you give refunds
      i want to know if i'm entitled to a refund
      under what conditions do you refund
      i want a refund
      help me get a refund
      i'd like my money back
      how do i request a refund for order 7710
      i need to ask for a refund
      can i get reimbursed
      i want to be refunded for my purchase
      how can i obtain a refund
      i'm still waiting for my refund
      where is my refund
      what's the status of my refund
      has my refund been processed
      i want to track my refund
      when will i receive the money you owe me
      my refund hasn't arrived yet, can you check it
      how long until the refund reaches my account
      can you check if my reimbursement was sent
    `),
    contact: lines(`
      how can i contact customer service
      how do i get in touch with customer support
      what is the customer service phone number
      what's the best way to reach your support team
      during what hours can i reach customer service
      where can i find your contact details
      what number do i call for help
      how do i contact you
      i need the support email address
    `),
    ship: lines(`
      what delivery options do you have
      which shipping methods do you offer
      what are my shipping options
      do you offer express delivery
      can i choose the delivery method
      do you have standard and express shipping
      i want to see the available delivery options
      is next day delivery possible
      how many shipping options are there
    `),
    time: lines(`
      how long does shipping take
      when will my package arrive if i order today
      how many days does delivery take
      what's the estimated delivery time
      how soon can i get my order
      how long will it take for my order to get here
      what's the delivery period
      when can i expect the item to be delivered
    `),
    howto: lines(`
      how do i place an order
      i don't know how to make a purchase
      can you help me buy something
      i want to buy something but i don't know how
      what are the steps to order
      i need help placing an order
      how can i make an order
      can you walk me through ordering
      how does buying from you work
      i'd like to purchase some items, how do i do it
      where do i go to buy
      can i order online
      i need help buying some items
      help me purchase a few articles
      i'd like some help ordering a couple of products
      could you help me buy something
      i want to purchase some items, what do i do
      assistance with buying a few things
      where can i buy your products
      how could i order several articles
      i don't know how to buy from you
      what's the process to acquire an item
      i want to buy some items
      i'd like to purchase a few articles
      i need to order several products
      i wanna buy a couple of things
      i'd like to order some stuff from your store
      i want to make a purchase
      help me order some items
      i want to buy a few products, can you help
      i would like to purchase several things
      i need to buy something from your shop
    `),
  },
  complaint: lines(`
    i have a problem with my payment
    my payment didn't go through
    my card was declined but i was charged
    there's an issue with the payment for my order
    i can't pay for my order, it keeps failing
    the payment failed and i don't know why
    i was charged more than i should have been
    you charged my card twice
    there is a wrong charge on my card
    i got billed for something i didn't buy
    i keep getting an error when i try to pay
    my payment is not working
    i want to report a problem with my payment
    i need help, my payment was rejected
    i want to file a complaint
    i want to make a complaint about your service
    i'd like to lodge a complaint
    i need to submit a complaint
    how do i file a complaint
    i want to complain about an employee
    i'm unhappy with the service i received
    i'm really dissatisfied
    i want to raise a complaint about my order
    i have a claim to make
    i want to report a bad experience
    i want to leave a complaint
    your service has been awful
    this is the worst experience i've had
    nobody has answered my emails, this is ridiculous
    i'm very upset with how i was treated
    i'm not satisfied with my order
    the staff was rude to me
    i've been waiting forever and nobody helps me
    i want to express my dissatisfaction
    i'm angry about the service
    i need to file a claim
    i'd like to lodge a consumer claim
    where can i submit a grievance
    i want to make a formal complaint
    how can i complain about your company
    i want to report a problem with the service
    i'm not pleased with the assistance i got
    i'd like to give negative feedback about an agent
    your customer service is terrible
    i want to raise an objection
    can you help me file a complaint
    i need to report an incident
    i want to complain about a charge
    i'm fed up with this service
    i can't complete my payment
    there's an error when paying
    i'm having problems paying for my order
    something went wrong with my payment
  `),
  order_status: lines(`
    i want to check the status of order 12345
    can you tell me where my order 8841 is
    i'd like to track my purchase
    help me track my package
    where is my package right now
    i need to know the status of my order
    has my order been shipped yet
    what is the tracking number of my order
    can you give me an update on my order
    i want to see where my delivery is
    track order 2231
    how do i track my order
    i want to know when my order will be delivered
    is my order on its way
    can you check my order status please
    check status of my purchase
    where's my parcel
    i haven't received my order yet, where is it
  `),
  human: lines(`
    i need to speak with an agent
    can i talk to someone from customer service
    i want to speak to a person
    connect me with a human agent
    i'd like to talk to a live person
    put me through to an operator
    i want to chat with a real agent
    let me speak to a customer service representative
    i need assistance from a human
    is there a real person i can talk to
    can i have an agent please
    get me an agent right now
    i want a human to help me
    can you transfer me to someone
    speak to an assistant please
  `),
  cancel_order: lines(`
    i'd like to cancel my order
    can you help me cancel order 10432
    i need to cancel a purchase i made yesterday
    how can i cancel the order i placed
    please cancel my order number 55821
    i changed my mind, cancel my order
    is it possible to cancel an order after paying
    what do i need to do to cancel my purchase
    help me cancel an order
    i want to call off my order
    can i still cancel if it has shipped
    cancel order pls
    i'm having trouble cancelling my order
    i need assistance cancelling a purchase
    could you help me with the cancellation of order 4410
    i'm trying to cancel an order, what should i do
    i don't want my purchase anymore, please cancel it
    where can i cancel the order i made
  `),
};
