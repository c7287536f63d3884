import { describe, expect, it } from "vitest";
import { productSchema } from "../../../lib/catalog/schema";
import { addStars, changeStars, isStars, type Rating } from "../../../lib/reviews/rating";

/** A seeded generator, so a failure repeats. */
const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe("addStars", () => {
  it.each([
    [undefined, 4, { average: 4, count: 1 }],
    [{ average: 0, count: 0 }, 2, { average: 2, count: 1 }],
    [{ average: 4, count: 1 }, 5, { average: 4.5, count: 2 }],
    [{ average: 4.5, count: 2 }, 1, { average: 10 / 3, count: 3 }],
    // an imported rating (not a sum of whole stars) moves by its weight
    [{ average: 4.56, count: 3 }, 5, { average: (4.56 * 3 + 5) / 4, count: 4 }],
  ] as Array<[Rating | undefined, number, Rating]>)("%j + %i → %j", (rating, stars, expected) => {
    const next = addStars(rating, stars);
    expect(next.count).toBe(expected.count);
    expect(next.average).toBeCloseTo(expected.average, 12);
  });

  it("stays the exact mean over 10 000 ratings (the average is stored unrounded, so no drift)", () => {
    const random = seeded(7);
    let rating: Rating | undefined;
    let sum = 0;
    let rounded: Rating | undefined;
    for (let i = 0; i < 10_000; i++) {
      const stars = 1 + Math.floor(random() * 5);
      sum += stars;
      rating = addStars(rating, stars);
      // what rounding the stored average to 2 decimals would do
      const r = addStars(rounded, stars);
      rounded = { average: Math.round(r.average * 100) / 100, count: r.count };
    }
    expect(rating?.count).toBe(10_000);
    expect(Math.abs((rating?.average ?? 0) - sum / 10_000)).toBeLessThan(1e-9);
    // the rounded variant is measurably off by then: the reason for storing the double
    expect(Math.abs((rounded?.average ?? 0) - sum / 10_000)).toBeGreaterThan(1e-3);
  });

  it("keeps the average inside the admin schema's 0..5 (a GET → PUT round trip stays valid)", () => {
    let rating: Rating | undefined;
    for (let i = 0; i < 1000; i++) rating = addStars(rating, 5);
    expect(rating).toEqual({ average: 5, count: 1000 });
    const product = {
      id: "P",
      title: { en: "P" },
      price: { amount: 1, currency: "USD" },
      stock: 1,
      rating: addStars({ average: 4.999999, count: 3 }, 5),
    };
    expect(productSchema.safeParse(product).success).toBe(true);
  });
});

describe("changeStars", () => {
  it.each([
    [{ average: 4, count: 1 }, 4, 2, { average: 2, count: 1 }],
    [{ average: 4.5, count: 2 }, 5, 1, { average: 2.5, count: 2 }],
    [{ average: 3, count: 3 }, 3, 3, { average: 3, count: 3 }],
    // the merchant reset the rating since: the changed review counts as a new one
    [undefined, 5, 2, { average: 2, count: 1 }],
    [{ average: 0, count: 0 }, 5, 2, { average: 2, count: 1 }],
  ] as Array<[Rating | undefined, number, number, Rating]>)(
    "%j, %i → %i: %j",
    (rating, from, to, expected) => {
      const next = changeStars(rating, from, to);
      expect(next.count).toBe(expected.count);
      expect(next.average).toBeCloseTo(expected.average, 12);
    },
  );

  it("adding then changing equals adding the new stars", () => {
    const base: Rating = { average: 3.7, count: 12 };
    const changed = changeStars(addStars(base, 1), 1, 5);
    expect(changed.count).toBe(13);
    expect(changed.average).toBeCloseTo(addStars(base, 5).average, 12);
  });

  it("never leaves 0..5 on inconsistent input", () => {
    expect(changeStars({ average: 1, count: 1 }, 5, 1).average).toBe(0);
    expect(changeStars({ average: 5, count: 1 }, 1, 5).average).toBe(5);
  });
});

it.each([
  [1, true],
  [5, true],
  [0, false],
  [6, false],
  [2.5, false],
  [Number.NaN, false],
])("isStars(%s) is %s", (n, ok) => expect(isStars(n)).toBe(ok));
