/**
 * The channel parsers use zod's mini build (a lighter bundle and start: no methods on every schema), which,
 * unlike the full build, leaves error messages to the caller's locale: English, as the full build's. The
 * reasons a delivery part is ignored quote them.
 */

import en from "zod/v4/locales/en.js";
import * as z from "zod/v4/mini";

z.config(en());

/** A zod error as one line for a delivery part's `ignored` reason: `path: message; …`. */
export const describeIssues = (error: z.core.$ZodError): string =>
  error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");
