import { generateSecret, secretPrefix } from './api-key-secret';

describe('secretPrefix: at most 8 characters, never more than a quarter of the secret', () => {
  it.each([
    ['a generated key (44 characters)', 'blm_abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'blm_abcd'],
    ['the shortest ADMIN_API_KEY (24 characters)', 'abcdefghijklmnopqrstuvwx', 'abcdef'],
    ['32 characters: exactly 8', 'abcdefghijklmnopqrstuvwxyz012345', 'abcdefgh'],
    ['31 characters: 7', 'abcdefghijklmnopqrstuvwxyz01234', 'abcdefg'],
    ['a very long secret still shows 8', 'x'.repeat(256), 'xxxxxxxx'],
    ['3 characters show nothing', 'abc', ''],
  ])('%s', (_case, secret, prefix) => {
    expect(secretPrefix(secret)).toBe(prefix);
    expect(secretPrefix(secret).length).toBeLessThanOrEqual(secret.length / 4);
  });

  it('shows 8 characters of every generated key', () => {
    const secret = generateSecret();
    expect(secret).toHaveLength(44);
    expect(secretPrefix(secret)).toBe(secret.slice(0, 8));
  });
});
