// The view page's script (inline in the page, plain ES2017, no libraries): renders the embedded
// data for the selected index, as NoSQL Workbench's aggregate view does — one row group per
// partition, the partition key cell spanning it, and a header row above each run of items of one
// entity naming that entity's attributes.

// A plain template literal (no tag), so bundlers drop it when the view is not used: backslashes are doubled.
export const VIEW_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('sortkey-data').textContent);
  var UNKNOWN = { name: '(no entity)', color: '#6b7280', attributes: [] };
  var current = data.initial;
  var filterText = '';
  // Long partitions show their first FOLD items and a row to show the rest.
  var FOLD = 10;
  var expanded = {};

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) for (var k in props) {
      if (k === 'text') node.textContent = props[k];
      else if (k === 'style') node.setAttribute('style', props[k]);
      else if (k === 'className') node.className = props[k];
      else node.setAttribute(k, props[k]);
    }
    if (children) children.forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function entityOf(position) { return position >= 0 ? data.entities[position] : UNKNOWN; }
  function show(value) {
    if (value === undefined) return '';
    var text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.replace(/\\r?\\n/g, ' \\u23ce ');
  }
  // A partition or sort key of several attributes shows their values in order.
  function keyText(item, names) { return names.map(function (n) { return show(item[n]); }).join(' \u00b7 '); }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  var tabs = document.getElementById('tabs');
  data.indexes.forEach(function (index, i) {
    var button = el('button', { role: 'tab', type: 'button', 'data-index': index.name, 'aria-selected': 'false', title: index.pk + (index.sk ? ' / ' + index.sk : '') },
      [index.label, el('span', { className: 'count', text: String(index.count) })]);
    button.addEventListener('click', function () { select(i); });
    tabs.appendChild(button);
  });
  var filter = document.getElementById('filter');
  filter.addEventListener('input', function () { filterText = filter.value.toLowerCase(); renderGrid(); });

  function select(i) {
    current = i;
    Array.prototype.forEach.call(tabs.children, function (b, j) { b.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
    var name = data.indexes[i].name;
    if (history.replaceState) history.replaceState(null, '', '#' + encodeURIComponent(name));
    renderAbout();
    renderGrid();
  }

  function renderAbout() {
    var index = data.indexes[current];
    var total = data.items.length;
    var summary = document.getElementById('summary');
    summary.textContent = '';
    var what = index.name === 'primary' ? 'Table ' + data.table : (index.type === 'local' ? 'Local index ' : 'Global index ') + index.name;
    summary.appendChild(el('b', { text: what }));
    summary.appendChild(document.createTextNode(' — partition key ' + index.pk + (index.sk ? ', sort key ' + index.sk : ', no sort key') + '. '));
    if (data.patterns) summary.appendChild(document.createTextNode('No items given: one row of key templates per entity. '));
    else summary.appendChild(document.createTextNode((index.count !== total ? index.count + ' of ' + plural(total, 'item', 'items') : plural(index.count, 'item', 'items')) + ' in ' + plural(index.partitions.length, 'partition', 'partitions') + '. '));
    var sparse = index.entities.filter(function (e) { return e.sparse; });
    if (sparse.length) summary.appendChild(document.createTextNode('Sparse: items without ' + sparse.map(function (e) { return e.requires.join(', ') + ' (' + entityOf(e.entity).name + ')'; }).join('; ') + ' are not in it. '));
    if (index.projection) summary.appendChild(document.createTextNode('Projects ' + index.projection.join(', ') + '. '));
    if (data.invalid) summary.appendChild(el('span', { className: 'invalid-note', text: '\u26a0 Invalid items: ' + data.invalid + ' (marked, with the reason). ' }));

    var counts = {};
    index.partitions.forEach(function (p) { p.forEach(function (n) { var e = data.items[n][0]; counts[e] = (counts[e] || 0) + 1; }); });
    var legend = document.getElementById('legend');
    legend.textContent = '';
    var positions = data.entities.map(function (_, i) { return i; });
    if (counts[-1]) positions.push(-1);
    positions.forEach(function (p) {
      var entity = entityOf(p);
      var inIndex = p === -1 || index.entities.some(function (e) { return e.entity === p; });
      var count = counts[p] || 0;
      legend.appendChild(el('li', { 'data-entity': entity.name, 'data-count': String(count), className: inIndex ? '' : 'absent', title: inIndex ? '' : 'not in this index' }, [
        el('span', { className: 'swatch', style: 'background:' + entity.color }),
        entity.name + (data.patterns ? '' : ' (' + count + ')'),
      ]));
    });

    var patterns = document.getElementById('patterns');
    patterns.textContent = '';
    patterns.appendChild(el('tr', null, [el('th', { text: 'entity' }), el('th', { text: index.pk }), el('th', { text: index.sk || '' }), el('th', { text: '' })]));
    index.entities.forEach(function (e) {
      var entity = entityOf(e.entity);
      patterns.appendChild(el('tr', { 'data-entity': entity.name }, [
        el('td', null, [el('span', { className: 'swatch', style: 'background:' + entity.color }), ' ' + entity.name]),
        el('td', { className: 'mono', text: e.pk }),
        el('td', { className: 'mono', text: e.sk || '' }),
        el('td', { text: e.sparse ? 'sparse: needs ' + e.requires.join(', ') : '' }),
      ]));
    });
  }

  function attributesOf(index, run) {
    var keys = {};
    index.pkAttrs.concat(index.skAttrs).forEach(function (name) { keys[name] = true; });
    var entity = entityOf(run.entity);
    var seen = {};
    var names = [];
    function add(name) { if (!keys[name] && !seen[name] && (!index.projection || index.projection.indexOf(name) >= 0)) { seen[name] = true; names.push(name); } }
    var present = {};
    run.items.forEach(function (n) { for (var k in data.items[n][1]) present[k] = true; });
    entity.attributes.forEach(function (name) { if (present[name]) add(name); });
    run.items.forEach(function (n) { for (var k in data.items[n][1]) add(k); });
    return names;
  }

  function renderGrid() {
    var index = data.indexes[current];
    var grid = document.getElementById('grid');
    grid.textContent = '';
    var partitions = index.partitions.filter(function (p) {
      return !filterText || keyText(data.items[p[0]][1], index.pkAttrs).toLowerCase().indexOf(filterText) >= 0;
    });
    var groups = partitions.map(function (p) {
      var runs = [];
      var key = index.name + '\\u0000' + keyText(data.items[p[0]][1], index.pkAttrs);
      var hidden = p.length > FOLD + 2 && !expanded[key] ? p.length - FOLD : 0;
      p.slice(0, p.length - hidden).forEach(function (n) {
        var e = data.items[n][0];
        var last = runs[runs.length - 1];
        if (last && last.entity === e) last.items.push(n);
        else runs.push({ entity: e, items: [n] });
      });
      runs.forEach(function (run) { run.names = attributesOf(index, run); });
      return { items: p, runs: runs, key: key, hidden: hidden };
    });
    var width = 1;
    groups.forEach(function (g) { g.runs.forEach(function (r) { width = Math.max(width, r.names.length); }); });
    var head = el('thead', null, [el('tr', null, [
      el('th', { text: index.pk + ' (partition key)' }),
      el('th', { text: index.sk ? index.sk + ' (sort key)' : '' }),
      el('th', { colspan: String(width), text: 'Attributes' }),
    ])]);
    grid.appendChild(head);
    groups.forEach(function (g) {
      var first = data.items[g.items[0]][1];
      var body = el('tbody', { className: 'partition', 'data-partition': keyText(first, index.pkAttrs), 'data-count': String(g.items.length) });
      var rows = g.hidden ? 1 : 0;
      g.runs.forEach(function (run) { rows += 1 + run.items.length; run.items.forEach(function (n) { if (data.items[n][2]) rows += 1; }); });
      var pkCell = el('td', { className: 'pk mono', rowspan: String(rows), title: keyText(first, index.pkAttrs) }, [el('div', { className: 'pk-label', text: keyText(first, index.pkAttrs) })]);
      g.runs.forEach(function (run, r) {
        var entity = entityOf(run.entity);
        var tint = entity.color + '1f';
        var header = el('tr', { className: 'run', 'data-entity': entity.name, style: 'background:' + entity.color + '33' });
        if (r === 0) header.appendChild(pkCell);
        header.appendChild(el('th', { className: 'entity', style: 'background:' + entity.color, text: entity.name }));
        run.names.forEach(function (name) { header.appendChild(el('th', { className: 'attr', text: name })); });
        if (run.names.length < width) header.appendChild(el('th', { className: 'empty', colspan: String(width - run.names.length) }));
        body.appendChild(header);
        run.items.forEach(function (n) {
          var item = data.items[n][1];
          var problem = data.items[n][2];
          var row = el('tr', { className: problem ? 'item invalid' : 'item', 'data-entity': entity.name, style: 'background:' + tint });
          var sk = index.sk ? keyText(item, index.skAttrs) : '';
          var skCell = el('td', { className: 'sk mono' + (data.patterns ? ' pattern' : ''), style: 'border-left:4px solid ' + (problem ? '#dc2626' : entity.color), title: sk }, [sk]);
          if (problem) skCell.insertBefore(el('span', { className: 'invalid-mark', title: problem, text: '\u26a0 ' }), skCell.firstChild);
          row.appendChild(skCell);
          run.names.forEach(function (name) {
            var text = show(item[name]);
            row.appendChild(el('td', { className: data.patterns ? 'pattern' : '', title: text, text: text }));
          });
          if (run.names.length < width) row.appendChild(el('td', { className: 'empty', colspan: String(width - run.names.length) }));
          body.appendChild(row);
          if (problem) body.appendChild(el('tr', { className: 'problem', 'data-entity': entity.name }, [el('td', { colspan: String(width + 1), text: 'invalid ' + entity.name + ': ' + problem })]));
        });
      });
      if (g.hidden) {
        var more = el('button', { type: 'button', className: 'more', text: 'show ' + plural(g.hidden, 'more item', 'more items') });
        more.addEventListener('click', function () { expanded[g.key] = true; renderGrid(); });
        body.appendChild(el('tr', { className: 'fold' }, [el('td', { colspan: String(width + 1) }, [more])]));
      }
      grid.appendChild(body);
    });
    var shown = document.getElementById('shown');
    shown.textContent = filterText ? 'showing ' + plural(partitions.length, 'partition', 'partitions') + ' of ' + index.partitions.length : '';
    if (!groups.length) grid.appendChild(el('tbody', null, [el('tr', null, [el('td', { id: 'empty', colspan: String(width + 2), text: index.count ? 'No partition key contains "' + filterText + '".' : 'No items in this index.' })])]));
  }

  var fromHash = decodeURIComponent(location.hash.slice(1));
  var initial = data.indexes.findIndex(function (i) { return i.name === fromHash; });
  select(initial >= 0 ? initial : current);
})();
`
