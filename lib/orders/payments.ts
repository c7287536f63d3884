/**
 * How a shopper pays. Cash on delivery is built in; other methods plug in as a `PaymentProvider` registered
 * under the name the merchant lists in the shop's `paymentMethods` (a name without a provider is not offered).
 *
 * A provider is asked to start the payment once the order is placed (stock is held by then): it answers with
 * the payment's status and, for methods paid online, a link or instructions the bot shows under the
 * confirmation. Confirming the payment later (a provider's webhook) moves `payment.status`, not the order.
 */
import { type Locale, t } from "../i18n";
import type { Order } from "./types";

export interface PaymentStart {
  /** `due`: paid on delivery; `awaiting`: the shopper still has to pay (see `url`); `paid` */
  status: "due" | "awaiting" | "paid";
  reference?: string;
  /** where the shopper pays (shown as a link under the confirmation) */
  url?: string;
}

export interface PaymentProvider {
  /** the name in the shop's `paymentMethods`, e.g. `cod` */
  readonly method: string;
  /** the status an order has before `start` answers */
  readonly initialStatus: PaymentStart["status"];
  label(locale: Locale): string;
  start(order: Order): Promise<PaymentStart>;
}

export const cashOnDelivery: PaymentProvider = {
  method: "cod",
  initialStatus: "due",
  label: (locale) => t(locale, "payment.cod"),
  start: async () => ({ status: "due" }),
};

const providers = new Map<string, PaymentProvider>([[cashOnDelivery.method, cashOnDelivery]]);

export function registerPaymentProvider(provider: PaymentProvider): void {
  providers.set(provider.method, provider);
}

/** The shop's methods that have a provider, in the merchant's order. */
export const paymentProvidersFor = (methods: readonly string[]): PaymentProvider[] =>
  methods.map((m) => providers.get(m)).filter((p): p is PaymentProvider => Boolean(p));

export const paymentProvider = (method: string): PaymentProvider | undefined => providers.get(method);
