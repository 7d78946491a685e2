/**
 * Reading SAML XML as plain objects (fast-xml-parser, namespace prefixes dropped, attributes as `@Name`).
 * It never resolves external entities; the SP only reads XML that a verified signature covers.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Built-in entities (&amp; in URLs) only matter; the SP reads canonical XML, which has no DOCTYPE.
  processEntities: true,
});

export type XmlNode = Record<string, unknown>;

export function parseXml(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode;
}

/** A child element (the first, if repeated). */
export function child(node: unknown, name: string): XmlNode | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const v = (node as XmlNode)[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return { '#text': first };
  return typeof first === 'object' && first !== null ? (first as XmlNode) : undefined;
}

/** Walks child elements: path(doc, 'Response', 'Assertion', 'Subject'). */
export function path(node: unknown, ...names: string[]): XmlNode | undefined {
  let cur: unknown = node;
  for (const n of names) cur = child(cur, n);
  return cur as XmlNode | undefined;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function text(node: XmlNode | undefined): string | undefined {
  const v = node?.['#text'];
  return typeof v === 'string' ? v.trim() : undefined;
}
