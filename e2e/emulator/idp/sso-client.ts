/** Test helpers for single sign-on: walk the browser's hops between the product and the IdP with a Client's cookie jar. */
import { expect } from 'vitest';
import type { Client } from '../test-client';

/** The fields of the IdP's auto-submitting form (HTML-unescaped) and where it posts. */
export function readAutoPost(html: string): { action: string; fields: Record<string, string> } {
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in ${html.slice(0, 400)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(m[1]!)] = unescape(m[2]!);
  return { action: unescape(action), fields };
}

/** A product-relative path for an absolute URL of the product. */
export const local = (c: Client, url: string) => (url.startsWith(c.emu.url) ? url.slice(c.emu.url.length) : url);

export interface SamlTrip {
  /** The 302 of the product to the IdP (Location carries SAMLRequest + RelayState). */
  toIdp: Response;
  idpLocation: URL;
  /** What the IdP posts to the consumer. */
  post: { action: string; fields: Record<string, string> };
  /** The consumer's answer. */
  consumer: Response;
}

/** From a product URL that leads to the IdP (following the product's own 302s) through the IdP to the consumer's answer. */
export async function samlTrip(c: Client, start: string): Promise<SamlTrip> {
  let res = await c.req(start);
  while (res.status === 302 && res.headers.get('location')!.startsWith('/')) res = await c.req(res.headers.get('location')!);
  expect(res.status).toBe(302);
  const idpLocation = new URL(res.headers.get('location')!);
  expect(idpLocation.origin).toBe(c.emu.idpUrl);
  const page = await fetch(idpLocation, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const post = readAutoPost(await page.text());
  return { toIdp: res, idpLocation, post, consumer: await postToConsumer(c, post) };
}

export function postToConsumer(c: Client, post: { action: string; fields: Record<string, string> }): Promise<Response> {
  return c.req(local(c, post.action), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(post.fields).toString(),
  });
}

export const samlResponseXml = (post: { fields: Record<string, string> }) => Buffer.from(post.fields.SAMLResponse!, 'base64').toString('utf8');
