/**
 * A product's rating (`{average, count}` on the product item) as shoppers' reviews move it. Pure.
 *
 * The average is stored unrounded (a double) and the sum is derived as `average × count`. Rounding the stored
 * average (to 2 decimals, say) would make every later update start from a slightly wrong sum, and those errors
 * add up with the number of reviews; unrounded, the error stays at floating-point noise. Cards round for
 * display (`ratingLabel`, 1 decimal). No separate sum attribute: the admin API's product schema is strict
 * (`rating` is exactly `{average, count}`) and a merchant's GET → PUT round trip must keep passing it.
 */

export interface Rating {
  average: number;
  count: number;
}

export const MIN_STARS = 1;
export const MAX_STARS = 5;

export const isStars = (n: number): boolean => Number.isInteger(n) && n >= MIN_STARS && n <= MAX_STARS;

// Floating-point noise must not take the average out of the admin schema's 0..5.
const clamp = (n: number) => Math.min(MAX_STARS, Math.max(0, n));

/** The rating after one more review of `stars`. */
export function addStars(rating: Rating | undefined, stars: number): Rating {
  const count = rating && rating.count > 0 ? rating.count : 0;
  const sum = count > 0 ? (rating as Rating).average * count : 0;
  return { average: clamp((sum + stars) / (count + 1)), count: count + 1 };
}

/**
 * The rating after one review changed from `from` to `to` stars. When the stored count cannot hold that
 * review (a merchant reset the rating since), it counts as a new one.
 */
export function changeStars(rating: Rating | undefined, from: number, to: number): Rating {
  if (!rating || rating.count < 1) return addStars(undefined, to);
  return { average: clamp((rating.average * rating.count - from + to) / rating.count), count: rating.count };
}
