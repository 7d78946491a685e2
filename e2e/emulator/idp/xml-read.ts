/**
 * Reading SAML XML in the emulator with the engine's own guarded reader (src/engine/sso/xml.ts: namespace
 * prefixes dropped, no DTD, no entity but the predefined ones). The SP only reads XML that a verified
 * signature covers.
 */
import { parseXml as parseElement, type XmlElement } from '../../../src/engine/sso/xml';

export type XmlNode = XmlElement;

/** The document: a node whose one child is the root element (so `path(doc, 'Response', …)` reads as before). */
export function parseXml(xml: string): XmlNode {
  const parsed = parseElement(xml);
  if (!parsed.ok) throw new Error(`not SAML XML: ${parsed.error}`);
  return { name: '#document', attrs: {}, children: [parsed.root], text: '' };
}

/** A child element (the first, if repeated). */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Walks child elements: path(doc, 'Response', 'Assertion', 'Subject'). */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let cur = node;
  for (const n of names) cur = child(cur, n);
  return cur;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  return node?.attrs[name];
}

export function text(node: XmlNode | undefined): string | undefined {
  return node?.text;
}
