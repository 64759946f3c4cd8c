// explorer.js -- klaverblad's explorer: draws the network the engine laid
// out, and lets a reader search, filter, move through the years and see the
// opportunities the engine computed. Everything comes from the JSON in the
// script element #data (engine/explore/README.md lists its members); nothing is
// fetched. The DOM is built with createElement and textContent only, so no
// value of the data is ever read as HTML.
// Why one file of some 950 lines: the page is a single file that works
// offline, and its script is one closure over the shared state (the data,
// the view, the year, the selection, the filters) that every part reads and
// changes; its sections (words, model, state, views, drawing, pan and zoom,
// panel, filters, address, search, saving, start) are marked below.
'use strict';
(function () {
  const D = JSON.parse(document.getElementById('data').textContent);
  const SVGNS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------- words
  const WORDS = {
    en: {
      search: 'Search an organisation, place, theme…', saveSvg: 'Save SVG', savePng: 'Save PNG',
      reset: 'Reset view', year: 'Year', allYears: 'every year', planned: 'show planned ties',
      unsure: 'show ties whose dates do not say', sector: 'Sector', kind: 'Kind of node',
      relkind: 'Kind of tie', theme: 'Theme', where: 'Home or abroad', noSector: '(no sector)',
      noTheme: '(no theme)', counts: '{n} of {N} nodes and {e} ties shown ({y})',
      asOf: 'as of {y}', everyYear: 'every year', ties: 'Ties', tiesNone: 'No ties.',
      notInYear: 'not in the year shown', synergy: 'Synergy: organisations to meet',
      synergyNone: 'No suggestions.', synergyNote: 'As `klaverblad synergy --org {id}` lists them, for {y}.',
      score: 'score', active: 'Active here in {y}', activeNone: 'No organisation of the home is active here.',
      partners: 'Partners here in {y}', gaps: 'Sectors of the home not here yet',
      gapsNone: 'Every sector of the home is here.', single: 'Rests on a single organisation of the home.',
      introducers: 'Best introducers for a sector', introducersFor: 'for the sector',
      introducersNone: 'No introducer found.', introducersOff: 'Left out: the dataset is too large to compute them for every place and sector.',
      introducersNote: 'As `klaverblad bridges {s} {p}` ranks them, for {y}.',
      reach: 'reach', closeness: 'closeness', worksOn: 'Who works on it', atHome: 'At home',
      abroad: 'Elsewhere or abroad', unknownWhere: 'Location unknown', members: 'Organisations',
      source: 'source', since: 'since', until: 'until', kindLabel: 'kind', sectorLabel: 'sector',
      whereLabel: 'where', themesLabel: 'themes', website: 'website',
      aggregated: 'This network has {n} nodes to draw, more than {max}: the page opens on the sectors by country. Click a cell to see its organisations.',
      back: 'Back to sectors by country', drill: '{s} in {c}: {n} organisations and their ties.',
      country: 'country', total: 'total', noCountry: '(no country)',
      legendOrg: 'organisation (colour: sector)', legendPlace: 'place', legendNetwork: 'network',
      legendSynergy: 'suggested (synergy)', noYears: 'The data gives no years.',
      tip: 'Click a node for its ties; drag to pan; scroll to zoom.',
      synergyYear: 'Drawn on the map (dashed) when the year shown is {y}.',
      byYear: 'by {y}', orLater: '{y} or later', about: 'about {y}', unsureYear: '{y} (unsure)',
      noYear: 'no year given',
    },
    nl: {
      search: 'Zoek een organisatie, plaats, thema…', saveSvg: 'SVG opslaan', savePng: 'PNG opslaan',
      reset: 'Beeld herstellen', year: 'Jaar', allYears: 'alle jaren', planned: 'geplande banden tonen',
      unsure: 'banden tonen waarvan de jaren het niet zeggen', sector: 'Sector', kind: 'Soort knoop',
      relkind: 'Soort band', theme: 'Thema', where: 'Thuis of elders', noSector: '(geen sector)',
      noTheme: '(geen thema)', counts: '{n} van {N} knopen en {e} banden getoond ({y})',
      asOf: 'stand {y}', everyYear: 'alle jaren', ties: 'Banden', tiesNone: 'Geen banden.',
      notInYear: 'niet in het getoonde jaar', synergy: 'Synergie: organisaties om te ontmoeten',
      synergyNone: 'Geen suggesties.', synergyNote: 'Zoals `klaverblad synergy --org {id}` ze geeft, voor {y}.',
      score: 'score', active: 'Hier actief in {y}', activeNone: 'Geen organisatie van de stad is hier actief.',
      partners: 'Partners hier in {y}', gaps: 'Sectoren van de stad die hier nog niet zijn',
      gapsNone: 'Elke sector van de stad is hier.', single: 'Rust op één organisatie van de stad.',
      introducers: 'Beste bruggenbouwers voor een sector', introducersFor: 'voor de sector',
      introducersNone: 'Geen bruggenbouwer gevonden.', introducersOff: 'Weggelaten: de dataset is te groot om ze voor elke plaats en sector te berekenen.',
      introducersNote: 'Zoals `klaverblad bridges {s} {p}` ze rangschikt, voor {y}.',
      reach: 'bereik', closeness: 'nabijheid', worksOn: 'Wie werkt eraan', atHome: 'Thuis',
      abroad: 'Elders of in het buitenland', unknownWhere: 'Locatie onbekend', members: 'Organisaties',
      source: 'bron', since: 'sinds', until: 'tot', kindLabel: 'soort', sectorLabel: 'sector',
      whereLabel: 'waar', themesLabel: "thema's", website: 'website',
      aggregated: 'Dit netwerk heeft {n} knopen om te tekenen, meer dan {max}: de pagina opent op de sectoren per land. Klik een cel om haar organisaties te zien.',
      back: 'Terug naar sectoren per land', drill: '{s} in {c}: {n} organisaties en hun banden.',
      country: 'land', total: 'totaal', noCountry: '(geen land)',
      legendOrg: 'organisatie (kleur: sector)', legendPlace: 'plaats', legendNetwork: 'netwerk',
      legendSynergy: 'voorgesteld (synergie)', noYears: 'De data noemt geen jaren.',
      tip: 'Klik een knoop voor haar banden; sleep om te verschuiven; scroll om te zoomen.',
      synergyYear: 'Op de kaart getekend (gestreept) als het getoonde jaar {y} is.',
      byYear: 'uiterlijk {y}', orLater: '{y} of later', about: 'rond {y}', unsureYear: '{y} (onzeker)',
      noYear: 'geen jaar bekend',
    },
  };
  const NAMES = {
    en: {},
    nl: {
      organisation: 'organisatie', sector: 'sector', city: 'stad', region: 'regio', country: 'land',
      theme: 'thema', network: 'netwerk', member_of: 'lid van', active_in: 'actief in',
      partner_of: 'partner van', twinned_with: 'stedenband met', funds: 'financiert',
      located_in: 'gevestigd in', works_on: 'werkt aan', part_of: 'deel van', active: 'actief',
      planned: 'gepland', ended: 'beëindigd', home: 'thuis', away: 'elders', unknown: 'onbekend',
      there: 'daar', 'first step': 'eerste stap', peer: 'vakgenoot', tied: 'verbonden',
      'two steps': 'twee stappen', further: 'verder', elsewhere: 'elders',
    },
  };
  const REASON = {
    en: ['both active in', 'both work on', 'both in', 'both tied to'],
    nl: ['beide actief in', 'beide werken aan', 'beide in', 'beide verbonden met'],
  };
  const lang = D.lang === 'nl' ? 'nl' : 'en';
  function t(key, args) {
    let s = WORDS[lang][key];
    for (const k in args || {}) s = s.split('{' + k + '}').join(String(args[k]));
    return s;
  }
  const name = (n) => NAMES[lang][n] || n.replace(/_/g, ' ');
  const fmt = (x, d) => (lang === 'nl' ? x.toFixed(d).replace('.', ',') : x.toFixed(d));

  // -------------------------------------------------------------- model
  const N = D.nodes, R = D.relations;
  const byId = new Map(N.map((n, i) => [n.id, i]));
  const drawn = N.map((n) => n.x !== undefined);
  const hasYears = D.first_year !== undefined;
  const nYears = hasYears ? D.last_year - D.first_year + 1 : 0;
  const ties = N.map(() => []);            // relation numbers per node
  R.forEach((r, j) => { ties[r.from].push(j); if (r.to !== r.from) ties[r.to].push(j); });
  const radius = (n) => (n.kind === 'organisation' ? 7.9 : n.kind === 'network' ? 10.8 : 9.4);
  const isPlace = (k) => k === 'city' || k === 'region' || k === 'country';
  const sectors = N.map((n, i) => i).filter((i) => N[i].kind === 'sector');
  const themes = N.map((n, i) => i).filter((i) => N[i].kind === 'theme');
  const colour = (n) => {
    if (n.kind === 'organisation') return n.sector !== undefined ? N[n.sector].colour : '#999999';
    if (n.kind === 'network') return '#333333';
    return n.where === 'home' ? '#dddddd' : '#ffffff';
  };
  const big = D.drawn > D.detail_max;
  const sectorId = N.map((n) => (n.sector !== undefined ? N[n.sector].id : '-'));
  const themeIds = N.map((n) => (n.themes || []).map((x) => N[x].id));

  // --------------------------------------------------------------- state
  const groupsDef = [
    { key: 's', title: 'sector', items: sectors.map((i) => [N[i].id, N[i].label, N[i].colour])
        .concat(N.some((n) => n.kind === 'organisation' && n.sector === undefined)
          ? [['-', t('noSector')]] : []) },
    { key: 'k', title: 'kind', items: ['organisation', 'network', 'city', 'region', 'country']
        .filter((k) => N.some((n, i) => drawn[i] && n.kind === k)).map((k) => [k, name(k)]) },
    { key: 'r', title: 'relkind', items: [...new Set(R.filter((r) => drawn[r.from] && drawn[r.to])
        .map((r) => r.kind))].sort().map((k) => [k, name(k)]) },
    { key: 't', title: 'theme', items: themes.map((i) => [N[i].id, N[i].label])
        .concat([['-', t('noTheme')]]) },
    { key: 'w', title: 'where', items: ['home', 'away', 'unknown']
        .filter((w) => N.some((n, i) => drawn[i] && n.where === w)).map((w) => [w, name(w)]) },
  ];
  const initial = () => ({
    year: D.open.year !== undefined ? D.open.year : null,
    planned: !!D.open.planned, unsure: !!D.open.unsure,
    off: { s: new Set(), k: new Set(), r: new Set(), t: new Set(), w: new Set() },
    sel: null, zoom: null, drill: null,
  });
  let S = initial();

  // -------------------------------------------------------------- views
  function yearCode(r) {
    if (!hasYears || S.year === null) return r.held[r.held.length - 1];
    const k = S.year - D.first_year;
    return k >= 0 && k < nYears ? r.held[k] : 'n';
  }
  // the relations the year view keeps: those `--as-of YEAR` keeps, with
  // --with-planned and --with-undated as the toggles say
  function relationKept(r) {
    const c = yearCode(r);
    return c === 'y' || (c === 'u' && S.unsure) || (c === 'p' && S.planned);
  }
  function drillMembers() {
    if (!S.drill) return null;
    const [s, c] = S.drill;
    const m = new Set();
    N.forEach((n, i) => {
      if (n.kind !== 'organisation') return;
      const sec = n.sector !== undefined ? N[n.sector].id : '-';
      const cs = n.countries ? n.countries.map((x) => N[x].id) : ['-'];
      if (sec === s && cs.includes(c)) m.add(i);
    });
    return m;
  }
  function nodeShown(i, members) {
    const n = N[i];
    if (!drawn[i] || S.off.k.has(n.kind)) return false;
    if (n.where !== undefined && S.off.w.has(n.where)) return false;
    if (n.kind === 'organisation') {
      if (S.off.s.size && S.off.s.has(sectorId[i])) return false;
      if (S.off.t.size) {
        const th = themeIds[i];
        if (th.length === 0 ? S.off.t.has('-') : th.every((x) => S.off.t.has(x))) return false;
      }
    }
    if (members && !members.has(i)) {
      // in a drill-down: the cell's organisations and what they are tied to
      return ties[i].some((j) => {
        const r = R[j];
        return relationKept(r) && members.has(r.from === i ? r.to : r.from);
      });
    }
    return true;
  }
  let shown = [];          // per node
  let keptRel = [];        // per relation: kept by the year view
  let drawnRel = [];       // relation numbers drawn
  function compute() {
    const members = drillMembers();
    shown = N.map((n, i) => nodeShown(i, members));
    keptRel = R.map(relationKept);
    drawnRel = [];
    R.forEach((r, j) => {
      if (keptRel[j] && shown[r.from] && shown[r.to] && r.from !== r.to && !S.off.r.has(r.kind))
        drawnRel.push(j);
    });
  }

  // ------------------------------------------------------------ drawing
  // The whole map is painted on a canvas (thousands of SVG elements repaint
  // too slowly to pan); an SVG on top holds what is highlighted -- the
  // selection, its neighbours and ties, the suggestions -- and the labels,
  // in the same coordinates.
  const svg = $('map'), vp = $('viewport'), canvas = $('canvas');
  const ctx = canvas.getContext('2d');
  const EDGE_COLOURS = {
    member_of: '#8da0cb', active_in: '#b3b3b3', partner_of: '#e78ac3', twinned_with: '#a6d854',
    funds: '#e5c32f', located_in: '#d9d9d9', part_of: '#d9d9d9', works_on: '#cccccc',
  };
  const STROKES = { organisation: ['#ffffff', 1], network: ['#222222', 1.5], place: ['#555555', 1.2] };
  const nodeClass = (n) => (isPlace(n.kind) ? 'place' : n.kind);
  let Z = { k: 1, x: 0, y: 0 };  // screen = world * k + (x, y)
  let kFit = 1;                  // the zoom that fits the whole map
  let near = new Set();
  let drawTimer = 0;
  function scheduleDraw() {
    if (drawTimer) return;
    drawTimer = requestAnimationFrame(() => { drawTimer = 0; paint(); drawLabels(); });
  }
  // the map's size, kept from the last resize: reading it from the DOM in
  // every frame would force a layout each time
  let mapSize = null;
  function size() {
    if (!mapSize) mapSize = [svg.clientWidth || 800, svg.clientHeight || 600];
    return mapSize;
  }
  new ResizeObserver(() => { mapSize = null; scheduleDraw(); }).observe(svg);
  function paint() {
    const [w, h] = size();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * Z.k, 0, 0, dpr * Z.k, dpr * Z.x, dpr * Z.y);
    // the world rectangle on screen, with a margin: what lies outside is skipped
    const x0 = (-Z.x - 20) / Z.k, x1 = (w - Z.x + 20) / Z.k;
    const y0 = (-Z.y - 20) / Z.k, y1 = (h - Z.y + 20) / Z.k;
    const inside = (n) => n.x >= x0 && n.x <= x1 && -n.y >= y0 && -n.y <= y1;
    ctx.globalAlpha = S.sel !== null && drawn[S.sel] ? 0.15 : 1;
    ctx.lineWidth = 1.2;
    const groups = {};
    for (const j of drawnRel) {
      const r = R[j], a = N[r.from], b = N[r.to];
      if (!inside(a) && !inside(b)) continue;
      const key = r.kind + (r.status === 'planned' ? ' planned' : '');
      (groups[key] = groups[key] || []).push(j);
    }
    for (const key of Object.keys(groups).sort()) {
      const [kind, planned] = key.split(' ');
      ctx.strokeStyle = EDGE_COLOURS[kind] || '#bbbbbb';
      ctx.setLineDash(planned ? [2, 3] : []);
      ctx.beginPath();
      for (const j of groups[key]) {
        const a = N[R[j].from], b = N[R[j].to];
        ctx.moveTo(a.x, -a.y);
        ctx.lineTo(b.x, -b.y);
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // nodes in batches of one look (kind and colour): a path, a fill and a
    // stroke each
    const batches = new Map();
    for (let i = 0; i < N.length; i++) {
      const n = N[i];
      if (!shown[i] || !inside(n)) continue;
      const key = nodeClass(n) + ' ' + colour(n);
      (batches.get(key) || batches.set(key, []).get(key)).push(i);
    }
    for (const [key, list] of [...batches.entries()].sort()) {
      const [cls, fill] = key.split(' ');
      ctx.beginPath();
      for (const i of list) {
        const n = N[i];
        ctx.moveTo(n.x + radius(n), -n.y);
        ctx.arc(n.x, -n.y, radius(n), 0, 2 * Math.PI);
      }
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.strokeStyle = STROKES[cls][0];
      ctx.lineWidth = STROKES[cls][1];
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  function linePath(list) {
    const parts = [];
    for (const j of list) {
      const a = N[R[j].from], b = N[R[j].to];
      parts.push('M' + a.x + ' ' + (-a.y) + 'L' + b.x + ' ' + (-b.y));
    }
    return parts.join('');
  }
  function path(d, stroke, width, dash) {
    const p = document.createElementNS(SVGNS, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', stroke);
    p.setAttribute('stroke-width', width);
    if (dash) p.setAttribute('stroke-dasharray', dash);
    return p;
  }
  function circle(i, cls) {
    const n = N[i];
    const c = document.createElementNS(SVGNS, 'circle');
    c.setAttribute('cx', n.x);
    c.setAttribute('cy', -n.y);
    c.setAttribute('r', radius(n));
    c.setAttribute('fill', colour(n));
    c.setAttribute('class', 'node ' + nodeClass(n) + (cls ? ' ' + cls : ''));
    c.dataset.i = i;
    c.dataset.id = n.id;
    const title = document.createElementNS(SVGNS, 'title');
    title.textContent = n.label;
    c.appendChild(title);
    return c;
  }
  // the selection, its ties in the view and its suggestions (dashed)
  function drawSelection() {
    const h = $('hilite'), g = $('nodes');
    h.textContent = '';
    g.textContent = '';
    near = new Set();
    if (S.sel === null || !drawn[S.sel]) return;
    const i = S.sel;
    near.add(i);
    const mine = drawnRel.filter((j) => R[j].from === i || R[j].to === i);
    for (const j of mine) { near.add(R[j].from); near.add(R[j].to); }
    if (mine.length) h.appendChild(path(linePath(mine), '#333', 2.2));
    // the suggestions are of the data's year: drawn when that year is shown
    const syn = S.year === (D.year !== undefined ? D.year : null)
      ? (D.synergy[i] || []).filter((x) => shown[x[0]]) : [];
    if (syn.length) {
      const d = syn.map((x) => 'M' + N[i].x + ' ' + (-N[i].y) + 'L' + N[x[0]].x + ' ' + (-N[x[0]].y)).join('');
      const p = path(d, '#0072B2', 2, '6 4');
      p.setAttribute('class', 'synergy');
      h.appendChild(p);
      for (const x of syn) near.add(x[0]);
    }
    const frag = document.createDocumentFragment();
    for (const k of near) if (k !== i && shown[k]) frag.appendChild(circle(k));
    if (shown[i]) frag.appendChild(circle(i, 'sel'));
    g.appendChild(frag);
  }

  // ------------------------------------------------------- pan and zoom
  // nodes by ties, most first: the ones labelled when there is room for few
  const byDegree = N.map((n, i) => i).filter((i) => drawn[i])
    .sort((a, b) => ties[b].length - ties[a].length || a - b);
  function bounds(list) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of list) {
      const n = N[i];
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, -n.y); y1 = Math.max(y1, -n.y);
    }
    return x0 <= x1 ? [x0 - 20, y0 - 20, x1 + 20, y1 + 20] : [0, 0, 100, 100];
  }
  function fit() {
    const list = N.map((n, i) => i).filter((i) => shown[i]);
    const [x0, y0, x1, y1] = bounds(list);
    const [w, h] = size();
    const k = Math.min(w / (x1 - x0), h / (y1 - y0), 1.5);
    kFit = k;
    Z = { k, x: (w - (x1 - x0) * k) / 2 - x0 * k, y: (h - (y1 - y0) * k) / 2 - y0 * k };
  }
  function applyZoom() {
    vp.setAttribute('transform', 'translate(' + Z.x.toFixed(1) + ',' + Z.y.toFixed(1) + ') scale(' + Z.k.toFixed(4) + ')');
    scheduleDraw();
  }
  // labels: the selection and its neighbours always; else the nodes with
  // most ties, more as one zooms in (25 at the whole map, at most 300), of
  // those on screen
  function drawLabels() {
    const g = $('labels');
    g.textContent = '';
    const [w, h] = size();
    const want = [];
    for (const i of near) if (shown[i] && i !== S.sel) want.push(i);
    if (S.sel === null || !drawn[S.sel]) {
      let room = Math.min(300, Math.round(25 * (Z.k / kFit) * (Z.k / kFit)));
      for (let q = 0; q < byDegree.length && room > 0; q++) {
        const i = byDegree[q];
        if (!shown[i] || near.has(i)) continue;
        const sx = N[i].x * Z.k + Z.x, sy = -N[i].y * Z.k + Z.y;
        if (sx < 0 || sy < 0 || sx > w || sy > h) continue;
        want.push(i);
        room--;
      }
    }
    if (S.sel !== null && shown[S.sel]) want.push(S.sel);   // last: on top
    const frag = document.createDocumentFragment();
    for (const i of want) {
      const n = N[i];
      const tx = document.createElementNS(SVGNS, 'text');
      tx.setAttribute('x', n.x + radius(n) + 2);
      tx.setAttribute('y', -n.y + 4);
      tx.setAttribute('font-size', ((i === S.sel ? 14 : 12) / Z.k).toFixed(2));
      tx.setAttribute('stroke-width', (3 / Z.k).toFixed(2));
      if (i === S.sel) tx.setAttribute('class', 'sel');
      tx.textContent = n.label;
      frag.appendChild(tx);
    }
    g.appendChild(frag);
  }
  // the node under a point of the map, from a grid of the drawn nodes
  const CELL = 40;
  const grid = new Map();
  N.forEach((n, i) => {
    if (!drawn[i]) return;
    const key = Math.floor(n.x / CELL) + ' ' + Math.floor(-n.y / CELL);
    (grid.get(key) || grid.set(key, []).get(key)).push(i);
  });
  function nodeAt(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    const wx = (clientX - r.left - Z.x) / Z.k, wy = (clientY - r.top - Z.y) / Z.k;
    const gx = Math.floor(wx / CELL), gy = Math.floor(wy / CELL);
    let best = null, bestD = Infinity;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const i of grid.get((gx + dx) + ' ' + (gy + dy)) || []) {
        if (!shown[i]) continue;
        const d = Math.hypot(N[i].x - wx, -N[i].y - wy);
        if (d <= radius(N[i]) + 2 / Z.k && d < bestD) { best = i; bestD = d; }
      }
    }
    return best;
  }
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, zx: Z.x, zy: Z.y, moved: false };
  });
  window.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    svg.classList.add('dragging');
    Z.x = drag.zx + dx; Z.y = drag.zy + dy;
    applyZoom();
  });
  window.addEventListener('pointerup', (e) => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null;
    svg.classList.remove('dragging');
    if (moved) { S.zoom = true; writeHash(); return; }
    const c = e.target.closest && e.target.closest('circle.node');
    select(c ? Number(c.dataset.i) : nodeAt(e.clientX, e.clientY));
  });
  svg.addEventListener('pointermove', (e) => {
    if (drag) return;
    const i = nodeAt(e.clientX, e.clientY);
    svg.style.cursor = i !== null ? 'pointer' : '';
    const tip = $('tip');
    tip.hidden = i === null;
    if (i === null) return;
    const r = svg.getBoundingClientRect();
    tip.textContent = N[i].label;
    tip.style.left = (e.clientX - r.left + 12) + 'px';
    tip.style.top = (e.clientY - r.top + 12) + 'px';
  });
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    const mx = e.clientX - r.left, my = e.clientY - r.top;
    const f = Math.exp(-e.deltaY * 0.0015);
    const k = Math.min(Math.max(Z.k * f, 0.02), 40);
    Z.x = mx - (mx - Z.x) * (k / Z.k); Z.y = my - (my - Z.y) * (k / Z.k); Z.k = k;
    S.zoom = true;
    applyZoom();
    writeHashSoon();
  }, { passive: false });

  // --------------------------------------------------------------- panel
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function nodeLink(i) {
    const a = el('a', N[i].label, 'node');
    a.dataset.id = N[i].id;
    a.addEventListener('click', () => select(i));
    return a;
  }
  function yearText() {
    return S.year === null ? t('everyYear') : t('asOf', { y: S.year });
  }
  // a date as the data writes it (2015, 2015~, [..2015], ...) in words
  function dateText(d) {
    let m;
    if ((m = /^\[\.\.([0-9]{4})\]$/.exec(d))) return t('byYear', { y: m[1] });
    if ((m = /^\[([0-9]{4})\.\.\]$/.exec(d))) return t('orLater', { y: m[1] });
    if ((m = /^([0-9]{4})~$/.exec(d))) return t('about', { y: m[1] });
    if ((m = /^([0-9]{4})\?$/.exec(d))) return t('unsureYear', { y: m[1] });
    if ((m = /^([0-9]{4})%$/.exec(d))) return t('about', { y: m[1] }) + '?';
    return d;
  }
  function tieItem(j, i) {
    const r = R[j];
    const li = el('li');
    li.dataset.rel = j;
    li.dataset.from = N[r.from].id;
    li.dataset.to = N[r.to].id;
    li.dataset.kind = r.kind;
    li.dataset.since = r.since || '';
    li.dataset.until = r.until || '';
    if (!keptRel[j]) li.classList.add('off');
    if (r.from === i) li.append(name(r.kind) + ' ', nodeLink(r.to));
    else li.append(nodeLink(r.from), ' ' + name(r.kind) + ' ', el('b', N[i].label));
    const yrs = [];
    if (r.since) yrs.push(t('since') + ' ' + dateText(r.since));
    if (r.until) yrs.push(t('until') + ' ' + dateText(r.until));
    const geography = r.kind === 'located_in' || r.kind === 'part_of';
    if (!r.since && !r.until && r.status === 'active' && !geography) yrs.push(t('noYear'));
    if (yrs.length) li.append(' (' + yrs.join(', ') + ')');
    if (r.status !== 'active') { li.append(' '); li.append(el('span', name(r.status), 'status ' + r.status)); }
    if (!keptRel[j]) li.append(' — ' + t('notInYear'));
    if (r.label) li.append(el('span', r.label, 'why'));
    if (r.source) li.append(el('span', t('source') + ': ' + r.source, 'src'));
    return li;
  }
  function listOf(nodes, empty) {
    if (!nodes.length) return el('p', empty, 'meta');
    const ul = el('ul');
    for (const k of nodes) { const li = el('li'); li.append(nodeLink(k)); ul.append(li); }
    return ul;
  }
  function fillPanel() {
    const body = $('panel-body');
    body.textContent = '';
    if (S.sel === null) { $('panel').hidden = true; return; }
    $('panel').hidden = false;
    const i = S.sel, n = N[i];
    body.append(el('h2', n.label));
    body.append(el('p', t('kindLabel') + ': ' + name(n.kind) + (n.id !== n.label ? ' (' + n.id + ')' : ''), 'meta'));
    if (n.sector !== undefined) body.append(el('p', t('sectorLabel') + ': ' + N[n.sector].label, 'meta'));
    if (n.where !== undefined) body.append(el('p', t('whereLabel') + ': ' + name(n.where), 'meta'));
    if (n.themes) body.append(el('p', t('themesLabel') + ': ' + n.themes.map((x) => N[x].label).join(', '), 'meta'));
    if (n.description) body.append(el('p', n.description, 'meta'));
    if (n.website) body.append(el('p', t('website') + ': ' + n.website, 'meta'));
    if (D.places[i]) placeSection(body, i);
    if (n.kind === 'theme') themeSection(body, i, (r) => r.kind === 'works_on' && r.to === i);
    if (n.kind === 'sector') themeSection(body, i, null);
    if (n.kind !== 'sector') {
      body.append(el('h3', t('ties') + ' (' + ties[i].length + ')'));
      if (!ties[i].length) body.append(el('p', t('tiesNone'), 'meta'));
      const ul = el('ul');
      ul.id = 'ties';
      for (const j of ties[i]) ul.append(tieItem(j, i));
      body.append(ul);
    }
    if (n.kind === 'organisation') synergySection(body, i);
  }
  function synergySection(body, i) {
    body.append(el('h3', t('synergy')));
    const list = D.synergy[i] || [];
    if (!list.length) body.append(el('p', t('synergyNone'), 'meta'));
    const ol = el('ol');
    ol.id = 'synergy';
    ol.style.paddingLeft = '1.4em';
    for (const s of list) {
      const li = el('li');
      li.dataset.id = N[s[0]].id;
      li.dataset.score = s[1];
      li.append(nodeLink(s[0]));
      li.append(' — ' + t('score') + ' ' + fmt(s[1], 3));
      const why = [];
      for (let k = 2; k < s.length; k += 2) why.push(REASON[lang][s[k + 1]] + ' ' + N[s[k]].label);
      li.append(el('span', why.join('; '), 'why'));
      ol.append(li);
    }
    body.append(ol);
    body.append(el('p', t('synergyNote', { id: N[i].id, y: D.year !== undefined ? D.year : t('everyYear') }), 'meta'));
    if (list.length && S.year !== (D.year !== undefined ? D.year : null))
      body.append(el('p', t('synergyYear', { y: D.year !== undefined ? D.year : t('everyYear') }), 'meta'));
  }
  function placeSection(body, i) {
    const p = D.places[i];
    const y = D.year !== undefined ? D.year : t('everyYear');
    body.append(el('h3', t('active', { y }) + ' (' + p.orgs.length + ')'));
    body.append(listOf(p.orgs, t('activeNone')));
    if (p.orgs.length === 1) body.append(el('p', t('single'), 'meta'));
    if (p.partners.length) { body.append(el('h3', t('partners', { y }) + ' (' + p.partners.length + ')')); body.append(listOf(p.partners, '')); }
    const here = new Set(p.orgs.map((o) => N[o].sector));
    const gaps = sectors.filter((s) => !here.has(s));
    body.append(el('h3', t('gaps')));
    body.append(gaps.length ? el('p', gaps.map((s) => N[s].label).join(', '), 'meta gaps') : el('p', t('gapsNone'), 'meta'));
    body.append(el('h3', t('introducers')));
    if (!D.bridges_computed) { body.append(el('p', t('introducersOff'), 'meta')); return; }
    const sel = el('select');
    sel.id = 'bridge-sector';
    for (const s of sectors) { const o = el('option', t('introducersFor') + ' ' + N[s].label); o.value = s; sel.append(o); }
    const box = el('div');
    const show = () => {
      box.textContent = '';
      const list = (p.bridges || {})[sel.value] || [];
      if (!list.length) box.append(el('p', t('introducersNone'), 'meta'));
      const ol = el('ol');
      ol.style.paddingLeft = '1.4em';
      for (const b of list) {
        const li = el('li');
        li.append(nodeLink(b.node));
        li.append(el('span', t('reach') + ': ' + name(b.reach) + '; ' + t('closeness') + ': ' + name(b.closeness) + '; ' + t('score') + ' ' + b.score, 'why'));
        ol.append(li);
      }
      box.append(ol);
      box.append(el('p', t('introducersNote', { s: N[sel.value].id, p: N[i].id, y: D.year !== undefined ? D.year : '' }), 'meta'));
    };
    sel.addEventListener('change', show);
    body.append(sel);
    body.append(box);
    show();
  }
  // who works on a theme (or is of a sector), at home and elsewhere
  function themeSection(body, i, test) {
    const who = new Set();
    if (test) R.forEach((r, j) => { if (test(r) && keptRel[j]) who.add(r.from); });
    else N.forEach((n, k) => { if (n.kind === 'organisation' && n.sector === i) who.add(k); });
    body.append(el('h3', test ? t('worksOn') : t('members')));
    const groups = [['home', t('atHome')], ['away', t('abroad')], ['unknown', t('unknownWhere')], [undefined, name('network')]];
    for (const [w, title] of groups) {
      const list = [...who].filter((k) => N[k].where === w).sort((a, b) => N[a].label.localeCompare(N[b].label));
      if (!list.length) continue;
      body.append(el('p', title + ' (' + list.length + ')', 'meta'));
      body.append(listOf(list, ''));
    }
  }

  // ------------------------------------------------------------- filters
  function buildFilters() {
    const box = $('groups');
    for (const g of groupsDef) {
      if (!g.items.length) continue;
      const sec = el('section');
      sec.append(el('h2', t(g.title)));
      for (const [id, label, swatch] of g.items) {
        const lab = el('label');
        const cb = el('input');
        cb.type = 'checkbox';
        cb.dataset.group = g.key;
        cb.dataset.value = id;
        cb.addEventListener('change', () => {
          if (cb.checked) S.off[g.key].delete(id); else S.off[g.key].add(id);
          update();
        });
        lab.append(cb, ' ');
        if (swatch) { const sw = el('span', null, 'swatch'); sw.style.background = swatch; lab.append(sw); }
        lab.append(label);
        sec.append(lab);
      }
      box.append(sec);
    }
  }
  function syncControls() {
    for (const cb of document.querySelectorAll('#groups input')) cb.checked = !S.off[cb.dataset.group].has(cb.dataset.value);
    const year = $('year');
    if (hasYears) {
      year.min = D.first_year; year.max = D.last_year;
      year.value = S.year !== null ? S.year : (D.year !== undefined ? D.year : D.last_year);
      year.disabled = S.year === null;
    } else {
      $('year-row').hidden = true;
    }
    $('year-out').textContent = S.year === null ? t('everyYear') : S.year;
    $('all-years').checked = S.year === null;
    $('planned').checked = S.planned;
    $('unsure').checked = S.unsure;
  }
  function showCounts() {
    const total = drawn.filter(Boolean).length;
    const n = shown.filter(Boolean).length;
    $('counts').textContent = t('counts', { n, N: total, e: drawnRel.length, y: yearText() });
  }

  // ------------------------------------------------------------- address
  function writeHash() {
    const p = new URLSearchParams();
    if (S.year !== (D.open.year !== undefined ? D.open.year : null)) p.set('year', S.year === null ? 'all' : S.year);
    if (S.planned !== !!D.open.planned) p.set('planned', S.planned ? 1 : 0);
    if (S.unsure !== !!D.open.unsure) p.set('unsure', S.unsure ? 1 : 0);
    for (const k of Object.keys(S.off)) if (S.off[k].size) p.set('off-' + k, [...S.off[k]].sort().join(','));
    if (S.sel !== null) p.set('sel', N[S.sel].id);
    if (S.drill) p.set('drill', S.drill.join(','));
    if (S.zoom) p.set('zoom', [Z.k.toFixed(4), Z.x.toFixed(1), Z.y.toFixed(1)].join(','));
    const h = p.toString();
    const url = location.href.replace(/#.*$/, '') + (h ? '#' + h : '');
    if (url !== location.href) history.replaceState(null, '', url);
  }
  let hashTimer = 0;
  function writeHashSoon() { clearTimeout(hashTimer); hashTimer = setTimeout(writeHash, 200); }
  function readHash() {
    S = initial();
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const y = p.get('year');
    if (y === 'all') S.year = null;
    else if (y !== null && /^[0-9]{4}$/.test(y)) S.year = Number(y);
    if (p.has('planned')) S.planned = p.get('planned') === '1';
    if (p.has('unsure')) S.unsure = p.get('unsure') === '1';
    for (const k of Object.keys(S.off)) if (p.get('off-' + k)) S.off[k] = new Set(p.get('off-' + k).split(','));
    const sel = p.get('sel');
    if (sel !== null && byId.has(sel)) S.sel = byId.get(sel);
    const d = p.get('drill');
    if (d) { const parts = d.split(','); if (parts.length === 2) S.drill = parts; }
    const z = (p.get('zoom') || '').split(',').map(Number);
    if (z.length === 3 && z.every(Number.isFinite) && z[0] > 0) { Z = { k: z[0], x: z[1], y: z[2] }; S.zoom = true; }
  }

  // ---------------------------------------------------------- aggregated
  function aggregate() {
    const box = $('aggregate');
    const detail = !big || S.drill;
    box.hidden = detail;
    svg.style.visibility = canvas.style.visibility = detail ? '' : 'hidden';
    const notice = $('notice');
    notice.textContent = '';
    notice.hidden = !big;
    if (!big) return;
    if (S.drill) {
      const members = drillMembers();
      const sName = S.drill[0] === '-' ? t('noSector') : N[byId.get(S.drill[0])].label;
      const cName = S.drill[1] === '-' ? t('noCountry') : N[byId.get(S.drill[1])].label;
      notice.append(t('drill', { s: sName, c: cName, n: members.size }) + ' ');
      const b = el('button', t('back'));
      b.type = 'button';
      b.addEventListener('click', () => { S.drill = null; S.sel = null; S.zoom = null; update(true); });
      notice.append(b);
      return;
    }
    notice.textContent = t('aggregated', { n: D.drawn, max: D.detail_max });
    if (box.childElementCount) return;
    const count = new Map(), colTotal = new Map();
    N.forEach((n) => {
      if (n.kind !== 'organisation') return;
      const s = n.sector !== undefined ? N[n.sector].id : '-';
      for (const c of n.countries ? n.countries.map((x) => N[x].id) : ['-']) {
        count.set(s + ' ' + c, (count.get(s + ' ' + c) || 0) + 1);
        colTotal.set(c, (colTotal.get(c) || 0) + 1);
      }
    });
    const cols = [...colTotal.keys()].sort((a, b) => colTotal.get(b) - colTotal.get(a) || a.localeCompare(b)).slice(0, 40);
    const table = el('table');
    const head = el('tr');
    head.append(el('th', t('sector') + ' \\ ' + t('country')));
    for (const c of cols) head.append(el('th', c === '-' ? t('noCountry') : N[byId.get(c)].label));
    table.append(head);
    const rows = groupsDef[0].items.map((x) => x[0]);
    for (const s of rows) {
      const tr = el('tr');
      tr.append(el('th', s === '-' ? t('noSector') : N[byId.get(s)].label));
      for (const c of cols) {
        const v = count.get(s + ' ' + c) || 0;
        const td = el('td', v || '', v ? 'cell' : '');
        if (v) td.addEventListener('click', () => { S.drill = [s, c]; S.zoom = null; update(true); });
        tr.append(td);
      }
      table.append(tr);
    }
    box.append(table);
  }

  // ---------------------------------------------------------- the whole
  function update(refit) {
    compute();
    drawSelection();
    syncControls();
    showCounts();
    fillPanel();
    aggregate();
    if (refit || !S.zoom) fit();
    applyZoom();
    writeHash();
  }
  function select(i) {
    S.sel = i;
    drawSelection();
    fillPanel();
    scheduleDraw();
    writeHash();
  }
  function legend() {
    const l = $('legend');
    l.append(el('span', '● ' + t('legendOrg')), el('span', '○ ' + t('legendPlace')),
             el('span', '● ' + t('legendNetwork')), el('span', '- - ' + t('legendSynergy')));
    l.append(el('div', t('tip')));
  }

  // ------------------------------------------------------------- search
  const search = $('search'), sugg = $('suggestions');
  const searchable = N.map((n, i) => i).filter((i) => drawn[i] || N[i].kind === 'theme' || N[i].kind === 'sector');
  const lower = N.map((n) => [n.label.toLocaleLowerCase(), n.id.toLocaleLowerCase()]);
  let active = -1, offered = [];
  function suggest() {
    const q = search.value.trim().toLocaleLowerCase();
    sugg.textContent = '';
    offered = [];
    active = -1;
    if (!q) { sugg.hidden = true; return; }
    const starts = [], contains = [];
    for (const i of searchable) {
      const [l, id] = lower[i];
      if (l.startsWith(q)) starts.push(i); else if (l.includes(q) || id.includes(q)) contains.push(i);
    }
    offered = starts.concat(contains).slice(0, 12);
    for (const i of offered) {
      const li = el('li', N[i].label + ' ');
      li.setAttribute('role', 'option');
      li.append(el('small', name(N[i].kind)));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      sugg.append(li);
    }
    sugg.hidden = offered.length === 0;
  }
  function choose(i) {
    search.value = N[i].label;
    sugg.hidden = true;
    select(i);
    if (drawn[i] && shown[i]) {
      const [w, h] = size();
      Z.k = Math.max(Z.k, 1.2);
      Z.x = w / 2 - N[i].x * Z.k; Z.y = h / 2 + N[i].y * Z.k;
      S.zoom = true;
      applyZoom();
      writeHash();
    }
  }
  search.addEventListener('input', suggest);
  search.addEventListener('keydown', (e) => {
    const items = sugg.children;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      [...items].forEach((li, k) => li.classList.toggle('active', k === active));
    } else if (e.key === 'Enter') {
      if (offered.length) choose(offered[Math.max(active, 0)]);
    } else if (e.key === 'Escape') {
      sugg.hidden = true;
    }
  });
  search.addEventListener('blur', () => { sugg.hidden = true; });

  // --------------------------------------------------------------- saving
  const SAVE_STYLE = 'circle.node{stroke:#fff;stroke-width:1}circle.node.place{stroke:#555;stroke-width:1.2}' +
    'circle.node.network{stroke:#222;stroke-width:1.5}circle.node.sel{stroke:#000;stroke-width:3}' +
    "text{font-family:'DejaVu Sans',Arial,sans-serif;paint-order:stroke;stroke:#fff;fill:#222}";
  // the map as it is on screen, as SVG: what the canvas shows, then the
  // highlights and labels
  function svgText() {
    const [w, h] = size();
    const out = document.createElementNS(SVGNS, 'svg');
    out.setAttribute('width', w);
    out.setAttribute('height', h);
    out.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    const st = document.createElementNS(SVGNS, 'style');
    st.textContent = SAVE_STYLE;
    out.appendChild(st);
    const bg = document.createElementNS(SVGNS, 'rect');
    bg.setAttribute('width', '100%'); bg.setAttribute('height', '100%'); bg.setAttribute('fill', '#fff');
    out.appendChild(bg);
    const g = document.createElementNS(SVGNS, 'g');
    g.setAttribute('transform', vp.getAttribute('transform'));
    const bulk = document.createElementNS(SVGNS, 'g');
    if (S.sel !== null && drawn[S.sel]) bulk.setAttribute('opacity', '0.15');
    const byKind = {};
    for (const j of drawnRel) (byKind[R[j].kind] = byKind[R[j].kind] || []).push(j);
    for (const k of Object.keys(byKind).sort()) bulk.appendChild(path(linePath(byKind[k]), EDGE_COLOURS[k] || '#bbb', 1.2));
    N.forEach((n, i) => { if (shown[i]) bulk.appendChild(circle(i)); });
    g.appendChild(bulk);
    for (const part of vp.children) g.appendChild(part.cloneNode(true));
    out.appendChild(g);
    return new XMLSerializer().serializeToString(out);
  }
  function download(blob, file) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = file;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  $('save-svg').addEventListener('click', () => download(new Blob([svgText()], { type: 'image/svg+xml' }), 'klaverblad-explorer.svg'));
  $('save-png').addEventListener('click', () => {
    const w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svgText()], { type: 'image/svg+xml' }));
    img.onload = () => {
      const cv = document.createElement('canvas');
      cv.width = w * 2; cv.height = h * 2;
      const cx = cv.getContext('2d');
      cx.scale(2, 2);
      cx.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      cv.toBlob((b) => download(b, 'klaverblad-explorer.png'), 'image/png');
    };
    img.src = url;
  });

  // ---------------------------------------------------------------- start
  document.documentElement.lang = lang;
  document.title = D.title + ' — klaverblad';
  $('title').textContent = D.title;
  search.placeholder = t('search');
  $('save-svg').textContent = t('saveSvg');
  $('save-png').textContent = t('savePng');
  $('reset').textContent = t('reset');
  $('year-heading').textContent = t('year');
  $('all-years-label').textContent = t('allYears');
  $('planned-label').textContent = t('planned');
  $('unsure-label').textContent = t('unsure');
  $('year').addEventListener('input', (e) => { S.year = Number(e.target.value); update(); });
  $('all-years').addEventListener('change', (e) => {
    S.year = e.target.checked ? null : Number($('year').value);
    update();
  });
  $('planned').addEventListener('change', (e) => { S.planned = e.target.checked; update(); });
  $('unsure').addEventListener('change', (e) => { S.unsure = e.target.checked; update(); });
  $('close').addEventListener('click', () => select(null));
  $('reset').addEventListener('click', () => { history.replaceState(null, '', location.href.replace(/#.*$/, '')); readHash(); update(true); });
  window.addEventListener('hashchange', () => { readHash(); update(); });
  window.addEventListener('resize', () => { mapSize = null; if (!S.zoom) { fit(); applyZoom(); } });
  buildFilters();
  legend();
  readHash();
  update();

  // for scripts and tests: what is shown, by the page's own decisions
  window.klaverblad = {
    shown: () => ({
      nodes: N.map((n, i) => i).filter((i) => shown[i]).map((i) => N[i].id),
      relations: R.map((r, j) => j).filter((j) => keptRel[j]),
      drawn: drawnRel.slice(),
    }),
    state: () => ({ year: S.year, sel: S.sel === null ? null : N[S.sel].id, zoom: [Z.k, Z.x, Z.y] }),
    // paints now what waits for the next frame
    flush: () => {
      if (drawTimer) { cancelAnimationFrame(drawTimer); drawTimer = 0; paint(); drawLabels(); }
    },
    // where a node is in the window, in client coordinates
    at: (id) => {
      const r = svg.getBoundingClientRect(), n = N[byId.get(id)];
      return [r.left + n.x * Z.k + Z.x, r.top - n.y * Z.k + Z.y];
    },
  };
})();
