import { GOODS_CATEGORIES, isGoodsCategory, laneAcceptsGoods, screenGoods, type GoodsCategory } from './goods-screening';

const MARKETS = ['US', 'CA', 'MX', 'GB', 'FR', 'DE'];
const each = (categories: GoodsCategory[], countries: string[]) =>
  categories.flatMap((category) => countries.map((country) => [category, country] as const));

describe('goods screening (SPEC §5.5)', () => {
  describe('weapons, narcotics, counterfeit: prohibited to every destination', () => {
    it.each(each(['weapons', 'narcotics', 'counterfeit'], MARKETS))('%s to %s', (category, country) => {
      expect(screenGoods(category, country)).toEqual({
        allowed: false,
        rule: 'prohibited_everywhere',
        message: expect.stringContaining(category),
      });
    });
  });

  describe('children_outerwear_drawstrings: prohibited to US and CA', () => {
    it.each(['US', 'CA', 'us'])('to %s: prohibited', (country) => {
      expect(screenGoods('children_outerwear_drawstrings', country)).toEqual({
        allowed: false,
        rule: 'children_outerwear_drawstrings_us_ca',
        message: expect.stringContaining(country.toUpperCase()),
      });
    });
    it.each(['MX', 'GB', 'FR', 'DE'])('to %s: allowed', (country) => {
      expect(screenGoods('children_outerwear_drawstrings', country)).toEqual({ allowed: true, requiresDangerousGoods: false });
    });
  });

  describe('lithium_batteries, liquids: only lanes with dangerousGoods: true', () => {
    it.each(each(['lithium_batteries', 'liquids'], MARKETS))('%s to %s', (category, country) => {
      const screening = screenGoods(category, country);
      expect(screening).toEqual({ allowed: true, requiresDangerousGoods: true });
      expect(laneAcceptsGoods(screening, true)).toBe(true);
      expect(laneAcceptsGoods(screening, false)).toBe(false);
    });
  });

  describe('general, apparel, textiles, electronics, cosmetics, toys, machinery, furniture: allowed', () => {
    const allowed: GoodsCategory[] = ['general', 'apparel', 'textiles', 'electronics', 'cosmetics', 'toys', 'machinery', 'furniture'];
    it.each(each(allowed, MARKETS))('%s to %s', (category, country) => {
      const screening = screenGoods(category, country);
      expect(screening).toEqual({ allowed: true, requiresDangerousGoods: false });
      expect(laneAcceptsGoods(screening, false)).toBe(true);
    });
  });

  it('lists exactly the fourteen categories of the table', () => {
    expect([...GOODS_CATEGORIES].sort()).toEqual(
      [
        'weapons',
        'narcotics',
        'counterfeit',
        'children_outerwear_drawstrings',
        'lithium_batteries',
        'liquids',
        'general',
        'apparel',
        'textiles',
        'electronics',
        'cosmetics',
        'toys',
        'machinery',
        'furniture',
      ].sort(),
    );
  });

  it('a prohibited verdict never lets a lane carry the goods', () => {
    expect(laneAcceptsGoods(screenGoods('weapons', 'GB'), true)).toBe(false);
  });

  it.each(['food', 'WEAPONS', '', 42])('refuses the unknown category %p', (category) => {
    expect(isGoodsCategory(category)).toBe(false);
    expect(() => screenGoods(category as GoodsCategory, 'US')).toThrow(RangeError);
  });
});
