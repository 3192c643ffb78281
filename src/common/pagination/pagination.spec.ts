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

  it.each(['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a cursor it did not issue: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'invalid_cursor', status: 400 }));
    },
  );

  it('uses the extra row only to tell that a next page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: `t${n}` }));
    const page = toPage(rows, 2, (r) => ({ key: r.at, id: r.id }), (r) => r.id);
    expect(page.data).toEqual(['id1', 'id2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ key: 't2', id: 'id2' });
    expect(toPage(rows, 3, (r) => ({ key: r.at, id: r.id }), (r) => r.id).nextCursor).toBeNull();
  });
});
