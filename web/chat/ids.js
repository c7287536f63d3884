// ---------------------------------------------------------------- random ids
export function randomDigits(n) {
  const a = new Uint32Array(n);
  crypto.getRandomValues(a);
  return Array.from(a, (x) => String(x % 10)).join("");
}
export function randomToken(n) {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const a = new Uint32Array(n);
  crypto.getRandomValues(a);
  return Array.from(a, (x) => abc[x % abc.length]).join("");
}
export function newPsid() {
  // a Messenger page-scoped id: 16 digits, no leading zero
  return String(1 + (crypto.getRandomValues(new Uint32Array(1))[0] % 9)) + randomDigits(15);
}
export function newWaId() {
  // a WhatsApp id: 11 digits, a Singapore mobile (65 + 8/9 + 7 digits)
  return `65${crypto.getRandomValues(new Uint32Array(1))[0] % 2 ? "9" : "8"}${randomDigits(8)}`;
}
export function newIgsid() {
  // an Instagram-scoped id: 17 digits, no leading zero
  return String(1 + (crypto.getRandomValues(new Uint32Array(1))[0] % 9)) + randomDigits(16);
}
/** A fresh id for a shopper on that channel. */
export function newUserId(channel) {
  if (channel === "whatsapp") return newWaId();
  return channel === "instagram" ? newIgsid() : newPsid();
}
