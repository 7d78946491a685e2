/**
 * A guarded XML reader for SAML messages, on @rgrove/parse-xml (small, well kept, no DTD processing and
 * no DOMParser: the engine also runs in the worker and the CLI; fast-xml-parser was five times its size in
 * every bundle). SAML forbids DTDs, so any DOCTYPE or ENTITY declaration is refused before parsing:
 * no entity is ever defined, let alone expanded (billion laughs, external entities). The input is scanned
 * once, linearly, for size, nesting depth and attribute length before the parser sees it, so hostile input
 * costs at most one pass and gets a typed error, never a throw and never a hang.
 */
import { parseXml as parseDocument, XmlCdata, XmlElement as ParsedElement, XmlText } from '@rgrove/parse-xml';

export const XML_LIMITS = {
  /** Characters of XML (a signed SAML response with certificates is a few tens of KB). */
  maxChars: 512 * 1024,
  /** Element nesting (SAML nests about eight deep). */
  maxDepth: 64,
  /** Characters of one attribute value. */
  maxAttribute: 8 * 1024,
  /** Elements in the whole document. */
  maxElements: 20_000,
} as const;

/** An element with its local name (namespace prefixes vary: saml:, saml2:, samlp:, none). */
export interface XmlElement {
  name: string;
  /** Attributes by local name (prefixes dropped; xmlns declarations left out). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities of the five predefined kinds and character references decoded. */
  text: string;
}

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; error: string };

/** Parses `xml` into its root element, or says why not. Never throws. */
export function parseXml(xml: string): XmlResult {
  const problem = precheck(xml);
  if (problem) return { ok: false, error: problem };
  let root: ParsedElement | null;
  try {
    // Only the five predefined entities and character references exist here; any other is an error.
    root = parseDocument(xml).root;
  } catch (err) {
    const message = String(err instanceof Error ? err.message : err);
    if (/^Root element is missing/i.test(message)) return { ok: false, error: 'no root element' };
    if (/^Extra content at the end of the document/i.test(message)) return { ok: false, error: 'more than one root element' };
    return { ok: false, error: `not well-formed XML (${message.slice(0, 120)})` };
  }
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, root: toElement(root) };
}

/** `saml2:Assertion` → `Assertion`. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** The parser's element as ours: local names, no xmlns declarations, the element's own text trimmed. */
function toElement(el: ParsedElement): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attributes)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[local(k)] = v;
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const node of el.children) {
    if (node instanceof ParsedElement) children.push(toElement(node));
    else if (node instanceof XmlText || node instanceof XmlCdata) text += node.text;
  }
  return { name: local(el.name), attrs, children, text: text.trim() };
}

/**
 * One linear pass: size, declarations, depth, attribute length, element count. Comments, CDATA and
 * processing instructions are skipped; quoted attribute values may hold `>`.
 */
export function precheck(xml: string): string | null {
  if (xml.length > XML_LIMITS.maxChars) return `XML too large (${xml.length} characters, at most ${XML_LIMITS.maxChars})`;
  let depth = 0;
  let elements = 0;
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return 'unterminated comment';
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return 'unterminated CDATA section';
      i = end + 3;
    } else if (next === 0x21 /* ! */) {
      // <!DOCTYPE, <!ENTITY, <!ELEMENT, …: SAML messages must not carry a DTD (SAML core §1.3 / bindings §3.4.4.1 and §3.5.4).
      return 'DTD declarations (DOCTYPE/ENTITY) are not allowed in SAML messages';
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return 'unterminated processing instruction';
      i = end + 2;
    } else if (next === 0x2f /* / */) {
      depth--;
      if (depth < 0) return 'unbalanced closing tag';
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) return 'unterminated tag';
      i = end + 1;
    } else {
      // A start tag: walk to its '>' outside quotes, measuring attribute values.
      let j = lt + 1;
      let quote = 0;
      let valueStart = 0;
      let selfClosing = false;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (quote) {
          if (c === quote) {
            if (j - valueStart > XML_LIMITS.maxAttribute) return `attribute value too long (over ${XML_LIMITS.maxAttribute} characters)`;
            quote = 0;
          }
        } else if (c === 0x22 || c === 0x27) {
          quote = c;
          valueStart = j + 1;
        } else if (c === 0x3e /* > */) {
          selfClosing = xml.charCodeAt(j - 1) === 0x2f;
          break;
        } else if (c === 0x3c /* < */) return 'malformed tag';
      }
      if (j >= n) return quote && n - valueStart > XML_LIMITS.maxAttribute ? `attribute value too long (over ${XML_LIMITS.maxAttribute} characters)` : 'unterminated tag';
      if (++elements > XML_LIMITS.maxElements) return `too many elements (over ${XML_LIMITS.maxElements})`;
      if (!selfClosing && ++depth > XML_LIMITS.maxDepth) return `elements nested too deep (over ${XML_LIMITS.maxDepth})`;
      i = j + 1;
    }
  }
  return null;
}

/** The first descendant (depth first, the element itself excluded) with this local name. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}

/** Direct children with this local name. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}
