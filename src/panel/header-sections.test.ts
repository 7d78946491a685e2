import { describe, expect, it } from 'vitest';
import { authFirst, generalRows, headerSections } from './header-sections';

describe('header sections', () => {
  it('auth headers first and marked, the others after them in wire order, names as sent', () => {
    const shown = authFirst([
      { name: 'date', value: 'd' },
      { name: 'X-AUSERNAME', value: 'fred' },
      { name: 'Server', value: 'nginx' },
      { name: 'set-cookie', value: 'a=[redacted 3]' },
      { name: 'Via', value: '1.1 p' },
    ]);
    expect(shown.map((h) => [h.name, h.auth])).toEqual([
      ['X-AUSERNAME', true],
      ['set-cookie', true],
      ['date', false],
      ['Server', false],
      ['Via', false],
    ]);
  });

  it('response before request, as DevTools; what storage left out is counted per side', () => {
    const sections = headerSections({ requestHeaders: [{ name: 'Accept', value: '*/*' }], responseHeaders: [], headersCut: { request: 3, response: 0 } });
    expect(sections.map((s) => [s.title, s.headers.length, s.cut])).toEqual([
      ['Response Headers', 0, 0],
      ['Request Headers', 1, 3],
    ]);
    expect(generalRows({ url: 'https://x/', method: 'GET', status: 0 })).toEqual([
      ['Request URL', 'https://x/'],
      ['Request Method', 'GET'],
      ['Status Code', '(failed: no response)'],
    ]);
  });
});
