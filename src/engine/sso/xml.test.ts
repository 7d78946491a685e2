import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { XML_LIMITS, parseXml } from './xml';
import { decodeSamlParam, samlFactsOfXml } from './saml';
import { base64, responseXml } from '../test-support/saml';
import { fuzz } from '../test-support/fuzz';

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:Status>&lol3;</samlp:Status></samlp:Response>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Response>&xxe;</Response>`;

describe('guarded XML', () => {
  it('parses local names, attributes and decoded text', () => {
    const r = parseXml('<a:Root xmlns:a="urn:x" b:Attr="1 &amp; 2" xmlns:b="urn:y"><a:Kid>x &lt; y &#x41;&#66;</a:Kid><Kid/></a:Root>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.root.name).toBe('Root');
    expect(r.root.attrs).toEqual({ Attr: '1 & 2' });
    expect(r.root.children.map((c) => c.name)).toEqual(['Kid', 'Kid']);
    expect(r.root.children[0]!.text).toBe('x < y AB');
  });

  it('decodes the predefined entities and character references; any other entity is refused, never expanded', () => {
    const ok = parseXml('<a x="&lt;&#65;&#x42;">&amp;&quot;</a>');
    expect(ok.ok && [ok.root.attrs.x, ok.root.text]).toEqual(['<AB', '&"']);
    const bad = parseXml('<a>&foo;</a>');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^not well-formed XML/);
  });

  it.each([
    ['billion laughs', BILLION_LAUGHS, /DTD/],
    ['an external entity', XXE, /DTD/],
    ['an ENTITY without DOCTYPE', '<!ENTITY x "y"><a/>', /DTD/],
    ['100k-deep nesting', '<a>'.repeat(100_000) + '</a>'.repeat(100_000), /too large/],
    ['100k-deep nesting (within the size cap)', '<a>'.repeat(100_000), /nested too deep/],
    ['65-deep nesting', '<a>'.repeat(65) + '</a>'.repeat(65), /nested too deep/],
    ['a 10 MB attribute', `<a b="${'x'.repeat(10 * 1024 * 1024)}"/>`, /too large/],
    ['a long attribute', `<a b="${'x'.repeat(XML_LIMITS.maxAttribute + 1)}"/>`, /attribute value too long/],
    ['an unterminated attribute', `<a b="${'x'.repeat(XML_LIMITS.maxAttribute + 1)}`, /attribute value too long/],
    ['many elements', '<a>' + '<b/>'.repeat(XML_LIMITS.maxElements + 1) + '</a>', /too many elements/],
    ['unbalanced tags', '<a></a></a>', /unbalanced/],
    ['two roots', '<a/><b/>', /more than one root/],
    ['nothing', 'just text', /no root/],
  ])('refuses %s with a typed error, quickly', (_name, xml, error) => {
    const t0 = performance.now();
    const r = parseXml(xml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('refuses an entity bomb hidden in a SAML POST', () => {
    const r = decodeSamlParam(base64(BILLION_LAUGHS), 'post');
    expect(r).toEqual({ ok: false, error: 'SAML message rejected: DTD declarations (DOCTYPE/ENTITY) are not allowed in SAML messages' });
  });
});

/** Hostile shapes: entity declarations, deep nesting, huge attributes, broken markup. */
const hostileXml = fc.oneof(
  fc.constantFrom(BILLION_LAUGHS, XXE),
  fc.integer({ min: 1, max: 5000 }).map((n) => '<a>'.repeat(n) + '</a>'.repeat(n)),
  fc.integer({ min: 1, max: 5000 }).map((n) => '<a>'.repeat(n)),
  fc.integer({ min: 0, max: 40_000 }).map((n) => `<a b="${'&amp;'.repeat(n)}"/>`),
  fc.string({ maxLength: 300 }).map((s) => `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${s}</samlp:Response>`),
  fc.array(fc.constantFrom('<', '>', '/', '"', "'", '=', 'a', ' ', '!', '?', '-', '[', ']', '&', ';', 'CDATA', 'DOCTYPE', 'ENTITY', '<!--', '-->'), { maxLength: 200 }).map((a) => a.join('')),
  fc.string({ maxLength: 2000 }),
);

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('decoder fuzz', () => {
  it('never throws on hostile XML, and refuses or reads it', () => {
    fc.assert(
      fc.property(hostileXml, (xml) => {
        const r = samlFactsOfXml(xml, 'post');
        expect(typeof r.ok).toBe('boolean');
      }),
      fuzz(1901, 300),
    );
  });

  it('never throws on random bytes, bad base64 or truncated DEFLATE', () => {
    const good = deflateSync(strToU8(responseXml({ now: NOW })));
    const param = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((b) => base64(b)),
      fc.string({ maxLength: 500 }),
      fc.integer({ min: 0, max: good.length }).map((n) => base64(good.subarray(0, n))),
      fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
        const b = good.slice();
        b[i] = v;
        return base64(b);
      }),
      hostileXml.map((x) => base64(deflateSync(strToU8(x)))),
    );
    fc.assert(
      fc.property(param, fc.constantFrom('redirect' as const, 'post' as const), (value, binding) => {
        const r = decodeSamlParam(value, binding);
        if (r.ok) expect(JSON.stringify(r.facts).length).toBeLessThan(64 * 1024);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      fuzz(1902, 300),
    );
  });
});
