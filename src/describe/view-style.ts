// The view page's style sheet (inline in the page).

export const VIEW_STYLE = `
:root { color-scheme: light; --line: #d9dee5; --head: #f3f5f8; --text: #1f2933; --muted: #5f6b7a; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { display: flex; flex-direction: column; margin: 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: #fff; }
header { flex: none; background: #232f3e; color: #fff; padding: 10px 16px 0; }
h1 { margin: 0 0 8px; font-size: 16px; font-weight: 600; }
h1::after { content: " · sortkey"; font-weight: 400; color: #aab4c0; }
#tabs { display: flex; gap: 2px; flex-wrap: wrap; }
#tabs button { border: 0; border-radius: 4px 4px 0 0; padding: 6px 12px; background: #3a4757; color: #dbe2ea; font: inherit; cursor: pointer; }
#tabs button[aria-selected="true"] { background: #fff; color: var(--text); font-weight: 600; }
#tabs button .count { margin-left: 6px; font-size: 11px; opacity: 0.75; }
main { flex: 1; min-height: 0; display: flex; flex-direction: column; padding: 10px 16px 12px; }
#about, #tools { flex: none; }
#about { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
#summary { flex: 1 1 100%; margin: 0; color: var(--muted); }
#summary b { color: var(--text); }
#legend { display: flex; flex-wrap: wrap; gap: 6px 14px; list-style: none; margin: 0; padding: 0; }
#legend li { display: flex; align-items: center; gap: 6px; }
#legend li.absent { opacity: 0.45; text-decoration: line-through; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
#patterns { border-collapse: collapse; font-size: 12px; }
#patterns td, #patterns th { padding: 2px 10px 2px 0; text-align: left; white-space: nowrap; }
#patterns th { color: var(--muted); font-weight: 500; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
#tools { margin: 10px 0 6px; display: flex; gap: 16px; align-items: center; color: var(--muted); }
#filter { margin-left: 6px; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; font: inherit; width: 220px; }
#grid-wrap { flex: 1; min-height: 120px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
#grid { border-collapse: collapse; min-width: 100%; }
#grid thead th { position: sticky; top: 0; z-index: 1; background: #e8ecf1; text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); font-weight: 600; white-space: nowrap; }
#grid td, #grid th.attr { padding: 3px 8px; border-bottom: 1px solid #eef1f4; white-space: nowrap; max-width: 24ch; overflow: hidden; text-overflow: ellipsis; vertical-align: top; }
#grid td.pk { background: #fff; border-right: 1px solid var(--line); font-weight: 600; max-width: 34ch; }
.pk-label { overflow: hidden; text-overflow: ellipsis; }
#grid td.sk { font-weight: 600; max-width: 34ch; }
#grid tbody { border-top: 2px solid #c5ccd6; }
#grid tr.run th { font-size: 11px; font-weight: 600; color: var(--muted); text-align: left; }
#grid tr.run th.entity { color: #fff; border-radius: 0; }
#grid tr.item td.empty, #grid tr.run th.empty { border-bottom-color: transparent; }
.pattern { color: var(--muted); font-style: italic; }
#grid tr.fold td { padding: 2px 8px 4px; background: #fafbfc; }
button.more { border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--muted); font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
#empty { padding: 16px; color: var(--muted); }
.invalid-mark { color: #dc2626; font-weight: 700; }
.invalid-note { color: #b91c1c; font-weight: 600; }
#grid tr.item.invalid { outline: 1px solid #dc2626; outline-offset: -1px; }
#grid tr.problem td { padding: 1px 8px 4px; color: #b91c1c; background: #fef2f2; font-size: 12px; white-space: normal; max-width: none; }
`
