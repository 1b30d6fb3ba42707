import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Base64 } from '../../../src/report/sha256';

// The report's CSP hashes come from this plain SHA-256 (it renders where there is no node:crypto):
// it must give node's digest for any text, or the browser refuses the report's script and style.
describe('sha256Base64', () => {
  it.each([
    { name: 'the empty string', text: '' },
    { name: 'FIPS 180-4 "abc"', text: 'abc' },
    { name: 'exactly one block after padding (55 bytes)', text: 'x'.repeat(55) },
    { name: 'a length that needs a second padding block (56 bytes)', text: 'y'.repeat(56) },
    { name: 'several blocks', text: 'body { color: red; }\n'.repeat(400) },
    { name: 'multi-byte UTF-8', text: 'rolled back → stable 100% ✗ · ▲ 日本語 🚦' },
  ])('should give node:crypto’s digest for $name', ({ text }) => {
    expect(sha256Base64(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
  });

  it('should give the FIPS 180-4 digest of "abc"', () => {
    expect(sha256Base64('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});
