/** How people see a shopper in the inbox. */
import type { Conversation } from "../model/conversation";

/** The shopper's name for people: the name they gave at checkout, else the platform's profile name. */
export const displayName = (c: Pick<Conversation, "profile" | "name">): string | undefined =>
  c.profile?.name?.trim() || c.name?.trim() || undefined;
