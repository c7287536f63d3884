/**
 * The WhatsApp Cloud API webhook payload schemas (lib/channels/whatsapp/parse.ts reads deliveries with them):
 * only the fields Chatcart uses are required, ids and texts are bounded (lib/channels/limits.ts).
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 */
import * as z from "zod/v4/mini";
import { lazy } from "../lazy";
import { boundedId, cappedString, LIMITS, SECONDS_RANGE } from "../limits";
import "../zodLocale";

/**
 * The payload schemas, built at the first delivery rather than when the bundle loads (a Lambda's module
 * init): a container's first request may be a verification GET, which needs none of them.
 */
function buildSchemas() {
  // bounded: an id becomes part of a table key, and DynamoDB refuses keys over 1-2 KB (issue 14 fuzzing)
  const Id = z.pipe(z.pipe(z.union([z.string(), z.number()]), z.transform(String)), boundedId());
  /** Numbers sometimes arrive as strings (timestamps always do). */
  const Num = z.pipe(
    z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
    z.transform(Number),
  );
  const optionalString = () => z.optional(cappedString(LIMITS.field));
  const Seconds = z.pipe(Num, z.number().check(z.gte(SECONDS_RANGE.min), z.lte(SECONDS_RANGE.max)));

  const Envelope = z.looseObject({
    object: z.literal("whatsapp_business_account"),
    entry: z.array(z.unknown()),
  });
  const Entry = z.looseObject({ id: z.optional(Id), changes: z.array(z.unknown()) });
  const Change = z.looseObject({ field: z.string(), value: z.unknown() });
  const Value = z.looseObject({
    metadata: z.looseObject({ phone_number_id: Id }),
    contacts: z.optional(z.array(z.unknown())),
    messages: z.optional(z.array(z.unknown())),
    statuses: z.optional(z.array(z.unknown())),
    errors: z.optional(z.array(z.unknown())),
  });
  const Contact = z.looseObject({
    wa_id: optionalString(),
    user_id: optionalString(),
    profile: z.optional(z.looseObject({ name: optionalString(), username: optionalString() })),
  });

  const ReferralPayload = z.looseObject({
    source_type: optionalString(),
    source_id: optionalString(),
    source_url: optionalString(),
    headline: optionalString(),
  });

  /** What every message carries; the type-specific part is checked by `KnownMessage`. */
  const MessageBase = z.looseObject({
    from: z.optional(boundedId()),
    from_user_id: z.optional(boundedId()),
    id: boundedId(),
    timestamp: z.optional(Seconds),
    type: z.string(),
    context: z.optional(
      z.looseObject({
        id: optionalString(),
        // "Message business" on a product: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
        referred_product: z.optional(z.looseObject({ product_retailer_id: z.optional(Id) })),
      }),
    ),
    referral: z.optional(ReferralPayload),
  });

  const Reply = z.looseObject({
    id: cappedString(LIMITS.payload),
    title: cappedString(LIMITS.field),
    description: optionalString(),
  });

  const KnownMessage = z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("text"), text: z.looseObject({ body: cappedString(LIMITS.text) }) }),
    z.looseObject({
      type: z.literal("interactive"),
      interactive: z.discriminatedUnion("type", [
        z.looseObject({ type: z.literal("button_reply"), button_reply: Reply }),
        z.looseObject({ type: z.literal("list_reply"), list_reply: Reply }),
      ]),
    }),
    z.looseObject({
      type: z.literal("button"),
      button: z.looseObject({ text: cappedString(LIMITS.field), payload: optionalString() }),
    }),
    z.looseObject({
      type: z.literal("order"),
      order: z.looseObject({
        catalog_id: z.optional(Id),
        text: optionalString(),
        product_items: z.array(
          z.looseObject({
            product_retailer_id: Id,
            quantity: Num,
            item_price: z.optional(Num),
            currency: optionalString(),
          }),
        ),
      }),
    }),
    z.looseObject({
      type: z.literal("location"),
      location: z.looseObject({
        latitude: Num,
        longitude: Num,
        name: optionalString(),
        address: optionalString(),
        url: optionalString(),
      }),
    }),
    z.looseObject({
      type: z.literal("image"),
      image: z.looseObject({
        id: z.string(),
        mime_type: optionalString(),
        caption: optionalString(),
      }),
    }),
  ]);

  const Reaction = z.looseObject({
    reaction: z.looseObject({ message_id: optionalString(), emoji: optionalString() }),
  });
  const System = z.looseObject({
    system: z.looseObject({
      body: optionalString(),
      type: optionalString(),
      new_wa_id: optionalString(),
      wa_id: optionalString(),
    }),
  });
  /** `smb_message_echoes`: a message the business sent from the WhatsApp Business app */
  const Echo = z.looseObject({
    from: optionalString(),
    to: z.string(),
    id: boundedId(),
    timestamp: z.optional(Seconds),
    type: optionalString(),
    text: z.optional(z.looseObject({ body: z.string() })),
  });

  const Status = z.looseObject({
    // a status names our message by id (a key in the table: bounded) at a time (in range, or it is malformed)
    id: boundedId(),
    status: z.string(),
    recipient_id: optionalString(),
    recipient_user_id: optionalString(),
    timestamp: z.optional(Seconds),
  });
  return {
    Envelope,
    Entry,
    Change,
    Value,
    Contact,
    ReferralPayload,
    MessageBase,
    Reply,
    KnownMessage,
    Reaction,
    System,
    Echo,
    Status,
  };
}

export type Schemas = ReturnType<typeof buildSchemas>;
export const schemas = lazy(buildSchemas);
