/**
 * A SAML message for people to read, as SAML-tracer shows it: the XML pretty-printed, element and attribute
 * names as sent, its secrets masked. Only for a file the panel imports (the file already holds the message);
 * live capture keeps the facts alone (saml.ts).
 *
 * Masked (`[redacted N]`): what would let someone replay or forge the message: the signatures' SignatureValue
 * and DigestValue, and encrypted data (CipherValue: an encrypted assertion and its key); an attribute whose
 * name says secret (names.ts: a token, a password); and in every other text and attribute value what the
 * engine's free-text rules find (text.ts: JWTs, known token formats, secret URL parameters).
 * Kept: NameID, attribute values and conditions (who the IdP says you are, for how long: what people debug),
 * and the IdP's X509Certificate (public: published in the IdP's metadata, and what a certificate mismatch is
 * told by). Never throws; null when the message cannot be read (the SSO tab then shows the facts' error).
 */
import { parseXml as parseDocument, XmlCdata, XmlElement, XmlText, type XmlNode } from '@rgrove/parse-xml';
import { precheck } from '../sso/xml';
import { samlXmlOfParam, type SamlBinding } from '../sso/saml';
import { redactedMarker } from '../ground/marker';
import { redactText } from './text';
import { isSecretName } from './names';

/** Characters of pretty XML kept; a longer message ends with a line saying how much was cut. */
export const SAML_VIEW_MAX_CHARS = 256 * 1024;

/** Characters of one line kept (a certificate is 1–2 KB): a hostile text node cannot fill the view alone. */
const MAX_LINE_CHARS = 8 * 1024;
/** Elements whose whole text is a secret. */
const MASKED_TEXT = new Set(['SignatureValue', 'DigestValue', 'CipherValue']);
const INDENT = '  ';

/** The message of a SAML parameter (base64, DEFLATEd for the Redirect binding) as masked, pretty XML. */
export function maskedSamlXml(value: string, binding: SamlBinding): string | null {
  const xml = samlXmlOfParam(value, binding);
  return xml.ok ? maskedPrettyXml(xml.xml) : null;
}

/** SAML XML text → masked, pretty XML; null when it is not XML the guarded reader accepts. */
export function maskedPrettyXml(xml: string): string | null {
  if (precheck(xml) !== null) return null;
  let root: XmlElement | null;
  try {
    root = parseDocument(xml).root;
  } catch {
    return null;
  }
  if (!root) return null;
  const out: Out = { lines: [], chars: 0, elements: 0, left: 0 };
  printElement(root, 0, false, out);
  return out.left ? `${out.lines.join('\n')}\n… ${out.left} more elements not shown` : out.lines.join('\n');
}

/**
 * The printed lines, bounded: a SAML message has a few dozen elements, a hostile one up to 20,000 (xml.ts),
 * each read by the free-text rules, so printing stops at MAX_ELEMENTS or SAML_VIEW_MAX_CHARS.
 */
interface Out {
  lines: string[];
  chars: number;
  elements: number;
  /** Elements not printed. */
  left: number;
}
const MAX_ELEMENTS = 2000;

function push(out: Out, line: string): void {
  const kept = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…[+${line.length - MAX_LINE_CHARS} chars]` : line;
  out.lines.push(kept);
  out.chars += kept.length + 1;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function printElement(el: XmlElement, depth: number, secret: boolean, out: Out): void {
  if (out.left || ++out.elements > MAX_ELEMENTS || out.chars > SAML_VIEW_MAX_CHARS) {
    out.left++;
    return;
  }
  const pad = INDENT.repeat(depth);
  const open = `<${el.name}${Object.entries(el.attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(attributeValue(k, v), true)}"`)
    .join('')}`;
  const elements = el.children.filter((c): c is XmlElement => c instanceof XmlElement);
  const text = el.children
    .filter((c: XmlNode) => c instanceof XmlText || c instanceof XmlCdata)
    .map((c) => (c as XmlText).text)
    .join('')
    .trim()
    // One element a line: a line break inside a text (a certificate's base64 is wrapped at 64) reads as a space.
    .replace(/\s*[\r\n]+\s*/g, ' ');
  const masks = secret || MASKED_TEXT.has(localName(el.name));
  const shown = text === '' ? '' : escapeXml(masks ? redactedMarker(text.length) : redactText(text), false);
  if (elements.length === 0) {
    push(out, shown === '' ? `${pad}${open}/>` : `${pad}${open}>${shown}</${el.name}>`);
    return;
  }
  push(out, `${pad}${open}>`);
  if (shown !== '') push(out, `${pad}${INDENT}${shown}`);
  // An Attribute whose name says secret: its values are masked, whatever they look like.
  const secretValues = secret || (localName(el.name) === 'Attribute' && [el.attributes.Name, el.attributes.FriendlyName].some((n) => n !== undefined && isSecretName(n, 'param')));
  for (const c of elements) printElement(c, depth + 1, secretValues, out);
  push(out, `${pad}</${el.name}>`);
}

/** Namespace declarations are names, not data; every other value is read by the free-text rules. */
function attributeValue(name: string, value: string): string {
  return name === 'xmlns' || name.startsWith('xmlns:') ? value : redactText(value);
}

function escapeXml(s: string, attribute: boolean): string {
  const out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? out.replace(/"/g, '&quot;') : out;
}
