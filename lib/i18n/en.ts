/** English messages: the reference catalogue; every other locale has the same keys. */
export const en = {
  "greeting.first": "Hi{name}! Welcome to {shop}. 👋",
  "greeting.again": "Hi again{name}! How can I help?",
  capabilities: "I can find products, answer questions, build your cart and take your order, right here.",
  "choice.browse": "Browse products",
  "choice.cart": "My cart",
  "choice.human": "Talk to a person",
  "list.button": "Options",
  unsupported: "Sorry, I can only read text, buttons and locations for now.",
};

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
