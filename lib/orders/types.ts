/** Orders: the types live in lib/model/order.ts (the store keeps them). */
export * from "../model/order";
