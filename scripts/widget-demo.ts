// npm run widget:demo: a customer's site on a second origin that embeds the widget, to try it (and for the browser
// tests). It is a hard host on purpose: a strict CSP with Trusted Types, a right-to-left page, CSS that restyles
// every element, and a "framework" that re-renders the whole body.
//   SITE_URL=http://localhost:4321 WIDGET_DEMO_PORT=4322 npm run widget:demo
// An admin must allow the demo's origin (http://localhost:4322) in /<locale>/admin/deflection first.
import { createServer } from 'node:http';

const site = (process.env.SITE_URL ?? 'http://localhost:4321').replace(/\/$/, '');
const port = Number(process.env.WIDGET_DEMO_PORT ?? 4322);
const host = process.env.HOST ?? '127.0.0.1';

/** The line a host page with a CSP of its own adds for the widget (see the README). */
const CSP = [
  "default-src 'none'",
  `script-src 'self' ${site}`,
  `connect-src ${site}`,
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

const STYLE = `
* { all: unset; }
html, body, main, header, section, p, h1, h2, ul, li, div { display: block; }
head, script, style, title { display: none; }
html { font-size: 10px; direction: rtl; }
body { font: 2rem/1.4 Georgia, serif; color: #5a0000; background: #fffbe6; padding: 2rem; }
h1 { font-size: 3.2rem; font-weight: bold; margin-bottom: 1rem; }
button, input, a { font-family: 'Comic Sans MS', cursive !important; color: hotpink !important; }
div { position: relative; transform: translateZ(0); }
`;

const APP = `
// A stand-in for another framework: AMD globals, and a render loop that rebuilds the whole body.
window.define = function () {}; window.define.amd = {};
window.$ = function () { throw new Error('not jQuery'); };
let renders = 0;
function render() {
  renders++;
  const main = document.createElement('main');
  const h1 = document.createElement('h1');
  h1.textContent = document.documentElement.lang === 'en' ? 'Acme Telecom — My bill' : 'Acme Telecom — Mi factura';
  const p = document.createElement('p');
  p.textContent = 'فاتورتك الشهرية جاهزة. Tu factura mensual está lista. (render ' + renders + ')';
  p.setAttribute('dir', 'rtl');
  main.append(h1, p);
  document.body.replaceChildren(main);
}
render();
setTimeout(render, 800);
setTimeout(render, 2500);
`;

function page(locale: 'es' | 'en'): string {
  const title = locale === 'en' ? 'My bill | Acme Telecom' : 'Mi factura | Acme Telecom';
  return `<!doctype html>
<html lang="${locale}" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/style.css">
<script src="/app.js" defer></script>
<script src="${site}/widget.js" data-locale="${locale}" data-context="billing" async></script>
</head>
<body></body>
</html>`;
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://demo').pathname;
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (path === '/' || path === '/es') return send(200, 'text/html', page('es'));
  if (path === '/en') return send(200, 'text/html', page('en'));
  if (path === '/style.css') return send(200, 'text/css', STYLE);
  if (path === '/app.js') return send(200, 'text/javascript', APP);
  send(404, 'text/plain', 'not found');
});

server.listen(port, host, () => console.log(`Widget demo on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/ (es) and /en, embedding ${site}/widget.js`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
