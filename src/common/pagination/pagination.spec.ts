import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a position through an opaque cursor', () => {
    const position = { key: '2026-06-01T12:00:00.000Z', id: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it.each([
    ['garbage', 'garbage'],
    ['an object', forged({ a: 1 })],
    ['numbers', forged([1, 2])],
    ['an id that is not a uuid', forged(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
    ['an instant not written by toISOString', forged(['2026-01-01T00:00:00Z', uuid])],
    ['an impossible instant', forged(['2026-02-30T00:00:00.000Z', uuid])],
    ['not an instant', forged(['yesterday', uuid])],
    ['a NUL in the key', forged(['2026-01-01T00:00:00.000Z\u0000', uuid])],
    ['an upper-case uuid', forged(['2026-01-01T00:00:00.000Z', uuid.toUpperCase()])],
    ['a third element', forged(['2026-01-01T00:00:00.000Z', uuid, 'x'])],
    ['base64url with padding', `${encodeCursor({ key: '2026-01-01T00:00:00.000Z', id: uuid })}=`],
  ])('refuses a cursor it did not issue: %s', (_what, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'invalid_cursor', status: 400 }));
  });

  it.each([
    ['a sequence number', 'sequence', '42', true],
    ['a sequence number with a leading zero', 'sequence', '042', false],
    ['a negative sequence number', 'sequence', '-1', false],
    ['an instant where a sequence number belongs', 'sequence', '2026-01-01T00:00:00.000Z', false],
  ] as const)('checks the key against the list’s kind: %s', (_what, kind, key, valid) => {
    const cursor = encodeCursor({ key, id: uuid });
    if (valid) expect(decodeCursor(cursor, kind)).toEqual({ key, id: uuid });
    else expect(() => decodeCursor(cursor, kind)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const ids = [1, 2, 3].map((n) => `0f8fad5b-d9cb-469f-a165-7086772895${n}0`);
    const rows = ids.map((id, n) => ({ id, at: `2026-06-0${n + 1}T00:00:00.000Z` }));
    const page = toPage(
      rows,
      2,
      (r) => ({ key: r.at, id: r.id }),
      (r) => r.id,
    );
    expect(page.data).toEqual(ids.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toEqual({ key: '2026-06-02T00:00:00.000Z', id: ids[1] });
    expect(
      toPage(
        rows,
        3,
        (r) => ({ key: r.at, id: r.id }),
        (r) => r.id,
      ).nextCursor,
    ).toBeNull();
  });
});
