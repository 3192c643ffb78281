/**
 * Goods screening (SPEC §5.5). Pure: category and destination in, verdict out.
 * A refused verdict names its rule so the service can answer 422 `goods_prohibited` with it.
 */

export const GOODS_CATEGORIES = [
  'general',
  'apparel',
  'textiles',
  'electronics',
  'cosmetics',
  'toys',
  'machinery',
  'furniture',
  'lithium_batteries',
  'liquids',
  'children_outerwear_drawstrings',
  'weapons',
  'narcotics',
  'counterfeit',
] as const;

export type GoodsCategory = (typeof GOODS_CATEGORIES)[number];

export const PROHIBITION_RULES = ['prohibited_everywhere', 'children_outerwear_drawstrings_us_ca'] as const;
export type ProhibitionRule = (typeof PROHIBITION_RULES)[number];

export type GoodsScreening =
  { allowed: true; requiresDangerousGoods: boolean } | { allowed: false; rule: ProhibitionRule; message: string };

const PROHIBITED_EVERYWHERE: readonly GoodsCategory[] = ['weapons', 'narcotics', 'counterfeit'];
/** Drawstrings on children's outerwear are banned by US (CPSC) and Canadian product-safety rules. */
const DRAWSTRING_COUNTRIES: readonly string[] = ['US', 'CA'];
/** Shipped only on lanes that accept dangerous goods (`dangerousGoods: true`). */
export const DANGEROUS_GOODS_CATEGORIES: readonly GoodsCategory[] = ['lithium_batteries', 'liquids'];

export function isGoodsCategory(value: unknown): value is GoodsCategory {
  return typeof value === 'string' && (GOODS_CATEGORIES as readonly string[]).includes(value);
}

/** `destinationCountry` is ISO 3166-1 alpha-2; compared upper-cased. */
export function screenGoods(category: GoodsCategory, destinationCountry: string): GoodsScreening {
  if (!isGoodsCategory(category)) throw new RangeError(`unknown goods category: ${String(category)}`);
  const country = destinationCountry.toUpperCase();

  if (PROHIBITED_EVERYWHERE.includes(category)) {
    return { allowed: false, rule: 'prohibited_everywhere', message: `${category} may not be shipped to any destination` };
  }
  if (category === 'children_outerwear_drawstrings' && DRAWSTRING_COUNTRIES.includes(country)) {
    return {
      allowed: false,
      rule: 'children_outerwear_drawstrings_us_ca',
      message: `children's outerwear with drawstrings may not be shipped to ${country}`,
    };
  }
  return { allowed: true, requiresDangerousGoods: DANGEROUS_GOODS_CATEGORIES.includes(category) };
}

/** Whether a lane may carry screened-allowed goods: dangerous goods need a `dangerousGoods` lane. */
export function laneAcceptsGoods(screening: GoodsScreening, laneDangerousGoods: boolean): boolean {
  return screening.allowed && (!screening.requiresDangerousGoods || laneDangerousGoods);
}
