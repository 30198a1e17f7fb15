import { expect } from 'vitest';

/** A Set-Cookie header's attributes, names lower-cased, without the value and the expiry. */
export function cookieAttributes(header: string): string[] {
  return header
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => !part.startsWith('expires=') && !part.startsWith('max-age='))
    .sort();
}

export function setCookieOf(response: { headers: Record<string, unknown> }): string {
  const value = response.headers['set-cookie'];
  const header = Array.isArray(value) ? String(value[0]) : String(value);
  expect(header).toMatch(/^sid=/);
  return header;
}
