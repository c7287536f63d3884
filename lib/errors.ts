/**
 * The one error type of Chatcart. `code` is namespaced (`webhook.bad_signature`, `cart.out_of_stock`);
 * `lib/http/respond.ts` maps codes to HTTP statuses in one place.
 */
export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
