/**
 * Issue 25.7: the live log (toExchange) and the panel's export (redactHar over the logged exchanges) redact alike.
 * What any header of an exchange gives up is swept out of everything the exchange keeps, as redactHar sweeps a
 * file; so the export, which redacts once more, finds nothing left to remove in a captured exchange.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { toExchange, type RawExchange } from './to-exchange';
import { exchangesToHar } from '../har/har';
import { exportHar } from '../har/single-entry';
import { spellingFilter, spellingsOf } from '../redact/sweep';

const fresh = (prefix: string) => `${prefix}${randomBytes(15).toString('base64url')}`;
const raw = (over: Partial<RawExchange>): RawExchange => ({
  index: 0, id: '1', time: 0, method: 'GET', url: 'https://jira.example.com/', status: 200, requestHeaders: [], responseHeaders: [], ...over,
});
const creator = { name: 'test', version: '1' };

describe('toExchange redacts as the export does (issue 25.7)', () => {
  const bearer = fresh('Tok');
  const apiKey = fresh('Key');
  const session = fresh('Sess');
  const nested = fresh('Nest');
  const raws = [
    // A token in its own request's path: nothing there says it is one, the Authorization does.
    raw({ url: `https://jira.example.com/rest/api/2/user/token/${bearer}`, requestHeaders: [{ name: 'Authorization', value: `Bearer ${bearer}` }] }),
    // An unlisted header's value (not kept) echoed in the answer's Location, URL-encoded.
    raw({ url: 'https://jira.example.com/plugin', status: 302, requestHeaders: [{ name: 'X-Api-Key', value: apiKey }], responseHeaders: [{ name: 'Location', value: `/next?ref=${encodeURIComponent(apiKey)}` }] }),
    // A session cookie's value in the path, and in base64 in a parameter.
    raw({ url: `https://jira.example.com/s/${session}/x?v=${Buffer.from(`id:${session}`).toString('base64url')}`, requestHeaders: [{ name: 'Cookie', value: `JSESSIONID=${session}` }] }),
    // A URL encoded twice inside a parameter: read decoded (redactRequestUrl), as redactHar reads a request URL.
    raw({ url: `https://jira.example.com/login?continue=${encodeURIComponent(encodeURIComponent(`https://a.example/cb?api_token=${nested}`))}` }),
  ];
  const exchanges = raws.map(toExchange);

  it('keeps none of the values, in any spelling', () => {
    const text = JSON.stringify(exchanges);
    for (const value of [bearer, apiKey, session, nested]) {
      for (const [spelling] of spellingsOf(value)) expect(text, `${value} as ${spelling}`).not.toContain(spelling);
    }
    expect(exchanges[0]!.url).toMatch(/\/user\/token\/%5Bredacted%20\d+%5D$/);
    expect(exchanges[1]!.responseHeaders.find((h) => h.name === 'Location')?.value).toMatch(/^\/next\?ref=(?:\[redacted \d+\]|%5Bredacted%20\d+%5D)$/); // either marker, as redactHar writes a relative Location
  });

  it("the export's redaction finds nothing left to remove in captured exchanges", () => {
    expect(exportHar(exchanges, creator)).toEqual(exchangesToHar(exchanges, creator));
  });

  it('an exchange with nothing secret is left as it was (no sweep compiled)', () => {
    const plain = toExchange(raw({ url: 'https://jira.example.com/rest/api/2/serverInfo?doHealthCheck=true', responseHeaders: [{ name: 'X-AUSERNAME', value: 'fred' }] }));
    expect(plain.url).toBe('https://jira.example.com/rest/api/2/serverInfo?doHealthCheck=true');
  });
});

describe('spellingFilter', () => {
  it('never rules out a value one of whose spellings is in the text', () => {
    for (let k = 0; k < 200; k++) {
      const value = k % 3 === 0 ? fresh('v') : k % 3 === 1 ? `${fresh('a')}/+=& "é` : `ü${randomBytes(6).toString('hex')}:${fresh('')}`;
      for (const [spelling] of spellingsOf(value)) {
        const text = `https://h.example/p?x=${fresh('')}${spelling}-tail`;
        expect(spellingFilter(text)(value), `${value} as ${spelling}`).toBe(true);
      }
    }
  });

  it('rules out values that are not there', () => {
    const mayHold = spellingFilter('https://jira.example.com/rest/api/2/search?jql=project%3DABC&startAt=0');
    expect(mayHold(fresh('Sess'))).toBe(false);
    expect(mayHold('6E3487971234567896704A9EB4AE0000')).toBe(false);
  });

  it('rules out a value only some of whose runs of letters and digits are in the text', () => {
    // An XSRF token that shares its number with its request: "10000" is there, "B2ZK" is not.
    const mayHold = spellingFilter('https://jira.example.com/rest/api/2/search?startAt=10000 600x10000x1');
    expect(mayHold('B2ZK-10000')).toBe(false);
    expect(mayHold('startAt-10000')).toBe(true);
  });
});

describe('base64 spellings', () => {
  /** The cores as btoa spells them: the value after `shift` filler bytes, less the digits the fillers or the bytes after touch. */
  const reference = (value: string, shift: number) => {
    const bytes = [...new Array<number>(shift).fill(0), ...new TextEncoder().encode(value)];
    const full = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
    return full.slice(shift === 0 ? 0 : Math.ceil((shift * 8) / 6), Math.floor((bytes.length * 8) / 6));
  };

  it('are the stable middles of btoa at each byte alignment', () => {
    for (let k = 0; k < 300; k++) {
      const value = k % 2 === 0 ? fresh('v').slice(0, 8 + (k % 23)) : `ü€${randomBytes(1 + (k % 17)).toString('base64')}é`;
      const spelled = new Set(spellingsOf(value).map(([s]) => s));
      for (let shift = 0; shift < 3; shift++) {
        const core = reference(value, shift);
        if (core.length < 8) continue;
        expect(spelled.has(core), `${value} at ${shift}`).toBe(true);
        expect(spelled.has(core.replace(/\+/g, '-').replace(/\//g, '_')), `${value} at ${shift}, URL-safe`).toBe(true);
      }
    }
  });
});
