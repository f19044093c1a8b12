// `all: initial` keeps the host page's inherited styles out (fonts, colours, line height); `direction` is not part of
// `all`, so it is set too (a right-to-left host page does not mirror the widget). Sizes are px: rem would follow the
// host page's root font size.
export const CSS = `
:host{all:initial;direction:ltr;--a:#0b57d0;--af:#fff;--bg:#fff;--bs:#f4f6f8;--fg:#1b1f24;--mu:#57606a;--bd:#d0d7de;--ok:#116329;--okb:#dafbe1;--wb:#fff8c5}
@media (prefers-color-scheme:dark){:host{--a:#8ab4f8;--af:#0f1419;--bg:#0f1419;--bs:#1a2129;--fg:#e6edf3;--mu:#9da7b3;--bd:#3a434d;--ok:#7ee2a8;--okb:#12361f;--wb:#3b3212}}
*{box-sizing:border-box;font:inherit;color:inherit}
.launcher,.panel{position:fixed;right:20px;z-index:2147483000;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Liberation Sans',sans-serif;color:var(--fg)}
.launcher{bottom:20px;display:flex;align-items:center;gap:8px;padding:10px 16px;border:0;border-radius:999px;background:var(--a);color:var(--af);font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher.alert::after{content:'';width:10px;height:10px;border-radius:50%;background:#f29900;border:2px solid var(--af)}
.icon{display:inline-grid;place-items:center;width:22px;height:22px;border-radius:50%;border:2px solid currentColor;font-weight:700;line-height:1}
.panel{bottom:80px;width:min(380px,calc(100vw - 40px));max-height:min(620px,calc(100vh - 100px));overflow:auto;padding:16px;border:1px solid var(--bd);border-radius:12px;background:var(--bg);box-shadow:0 8px 30px rgba(0,0,0,.3)}
[hidden]{display:none!important}
.head{display:flex;justify-content:space-between;align-items:start;gap:8px}
h2{margin:0 0 12px;font-size:18px;font-weight:700;line-height:1.3}
h3{margin:12px 0 6px;font-size:15px;font-weight:700}
.close{border:0;background:none;font-size:24px;line-height:1;padding:0 4px;cursor:pointer;color:var(--mu)}
label{display:block;font-weight:600;margin-bottom:4px}
.row{display:flex;gap:6px}
input{flex:1;min-width:0;padding:7px 9px;border:1px solid var(--mu);border-radius:8px;background:var(--bg)}
button{cursor:pointer}
.search button,.thanks button{padding:7px 12px;border:1px solid var(--a);border-radius:8px;background:var(--a);color:var(--af);font-weight:600}
.thanks .secondary{background:none;color:var(--a)}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.status{margin:8px 0 0;color:var(--mu);font-size:14px}
ul{list-style:none;margin:0;padding:0}
.results li{padding:8px 0;border-bottom:1px solid var(--bd)}
a{color:var(--a);text-underline-offset:2px}
.badge{display:inline-block;margin-left:6px;padding:0 6px;border-radius:999px;background:var(--okb);color:var(--ok);font-size:12px;font-weight:600}
.confirm{display:block;margin-top:4px;padding:2px 8px;border:1px solid var(--ok);border-radius:999px;background:var(--okb);color:var(--ok);font-size:13px}
.incidents{margin:0 0 10px;padding:8px 10px;border-radius:8px;background:var(--wb)}
.incidents h3{margin:0 0 4px}
.thanks{padding:8px 0}
.links{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0 0;padding-top:10px;border-top:1px solid var(--bd)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
