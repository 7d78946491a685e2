/** The IdP's HTML: deliberately plain and unbranded, so nobody takes it for the Atlassian product. */
import { esc } from '../pages';

const STYLE = 'body{font:14px system-ui,sans-serif;margin:24px;max-width:40em}h1{font-size:18px}.error{color:#bf2600}';

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - Emulated IdP</title><style>${STYLE}</style></head>
<body><h1>Emulated identity provider</h1>${body}${script}</body></html>`;
}

/** HTTP-POST binding: a form the browser posts to the SP at once (a button for a browser without scripts). */
export function autoPost(action: string, fields: Record<string, string>, note: string): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return page(
    'Signing in',
    `<p data-testid="idp-note">${esc(note)}</p><form method="post" action="${esc(action)}" id="idp-post">${inputs}<noscript><button type="submit">Continue</button></noscript></form>`,
    '<script>document.getElementById("idp-post").submit();</script>',
  );
}

/** No user is configured for automatic sign-in: the IdP asks who you are (any name; no password). */
export function usernameForm(action: string, hidden: Record<string, string>): string {
  const inputs = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return page(
    'Sign in',
    `<form method="post" action="${esc(action)}" id="idp-login">${inputs}<p><label>Username <input name="username" autocomplete="username" autofocus></label></p>
<p><button type="submit" id="idp-login-submit">Sign in</button></p></form>`,
  );
}

export function idpError(message: string): string {
  return page('Error', `<p class="error" data-testid="idp-error">${esc(message)}</p>`);
}

export function idpHome(lines: string[]): string {
  return page('Home', `<ul>${lines.map((l) => `<li><code>${esc(l)}</code></li>`).join('')}</ul>`);
}
