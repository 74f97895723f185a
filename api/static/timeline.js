// The timeline page: draws the entries of the visible period with vis-timeline and shows an
// entry's sources.
//
// Entries are loaded window by window: GET /api/v1/events?start=&end= (the period in view
// and half of it on each side), page after page through the cursor, each page drawn as it
// arrives; scrolling or zooming loads only the part not loaded yet. The filters apply to
// every request, and the CSV/JSON downloads export all entries matching them. The page
// opens on the salient entries (min_salience, the threshold in data-salient); unticking
// "salient only" (all=1 in the page URL) shows every entry.
//
// No dependency but the vendored vis-timeline standalone build (global `vis`). Text from
// articles and from the API is only ever inserted as text nodes (Node.append / textContent)
// or DOM properties, and vis items and group labels get DOM elements as content, never
// HTML strings: nothing a document says can become markup.

const vis = globalThis.vis;

const body = document.body;
const API = body.dataset.api || "/api/v1";
const $ = (id) => document.getElementById(id);

if (!vis?.Timeline) {
  $("status").textContent = "The timeline library did not load (see api/static/vendor/).";
  body.dataset.state = "error";
  throw new Error("vis-timeline is missing");
}

// Finest first: the order of the groups when grouping by granularity.
const GRANULARITIES = ["day", "week", "month", "quarter", "season", "year", "decade", "century"];
const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365.25 * DAY_MS;
const NO_ENTITY = "(no entity)";
const FILTERS = ["start", "end", "entity", "q"];
// Error keys that name where a field was read (webargs locations), not the field.
const LOCATIONS = new Set(["query", "json", "form", "headers", "path"]);

// The widest a label is drawn (`.vis-item .entry`'s max-width in timeline.css, 24rem) and
// the dot of a point before it: the room the latest entry needs after its date.
const LABEL_REM = 24;
const DOT_PX = 16;
const PAGE_SIZE = Number(body.dataset.pageSize) || 250;
const SALIENT = body.dataset.salient || "0.5";
const FINE = GRANULARITIES.slice(0, GRANULARITIES.indexOf("year") + 1).join(",");
const FIRST_DAY = new Date(1, 0, 1).setFullYear(1);
const LAST_DAY = new Date(9999, 11, 31).getTime();

const state = {
  entries: new Map(), // entry id -> entry, for the current filters
  itemEntry: new Map(), // vis item id -> entry
  groupCounts: new Map(), // group id -> items in it
  group: "granularity",
  query: "", // the filters of the entries shown
  covered: null, // {lo, hi} (ms): the period whose entries are all loaded
  pending: 0, // window requests in flight
  controller: null, // AbortController of the current filters' requests
  documents: new Map(), // document id -> Promise of GET /documents/<id>
  panelToken: 0,
};

// ---------------------------------------------------------------- small helpers

/** An element with properties (textContent, title, className, dataset...) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else node[key] = value;
  }
  node.append(...children); // strings become text nodes
  return node;
}

/** "2025-08-15" as local midnight (vis draws in local time); years < 100 stay as they are. */
function parseDay(iso) {
  const match = /^(-?\d+)-(\d\d)-(\d\d)$/.exec(iso || "");
  if (!match) return null;
  const day = new Date(2000, 0, 1);
  day.setFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return day;
}

/** The last day of a half-open interval ending at `iso`, for display. */
function lastDay(iso) {
  const day = parseDay(iso);
  if (!day) return iso;
  day.setDate(day.getDate() - 1);
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(day.getFullYear(), 4)}-${pad(day.getMonth() + 1, 2)}-${pad(day.getDate(), 2)}`;
}

function granularityClass(granularity) {
  return GRANULARITIES.includes(granularity) ? `gran-${granularity}` : "gran-other";
}

// ---------------------------------------------------------------- API access

class ApiError extends Error {
  constructor(message, fields = []) {
    super(message);
    this.fields = fields;
  }
}

/** Field messages of a problem's `errors`: {"query": {"start": ["bad"]}} -> ["start: bad"]. */
function fieldErrors(errors, name = "") {
  if (Array.isArray(errors)) {
    return errors.flatMap((e) =>
      typeof e === "string" ? [name ? `${name}: ${e}` : e] : fieldErrors(e, name),
    );
  }
  if (errors && typeof errors === "object") {
    return Object.entries(errors).flatMap(([key, value]) =>
      fieldErrors(value, !name && LOCATIONS.has(key) ? "" : key),
    );
  }
  return typeof errors === "string" ? [errors] : [];
}

/** An RFC 9457 problem (or any failed response) as an ApiError. */
async function problem(response) {
  let detail = null;
  try {
    detail = await response.json();
  } catch {
    // not JSON: the status line has to do
  }
  const message =
    (detail && (detail.detail || detail.title)) ||
    `${response.status} ${response.statusText || "error"}`;
  return new ApiError(message, detail ? fieldErrors(detail.errors) : []);
}

async function request(url, signal) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(`Could not reach the server (${error.message}).`);
  }
  if (!response.ok) throw await problem(response);
  return response;
}

async function getJson(path, signal) {
  return (await request(`${API}${path}`, signal)).json();
}

/** The same-origin target of a `Link: <...>; rel="next"` header (RFC 8288), if any. */
function nextPage(response) {
  const header = response.headers.get("Link") || "";
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    const rel = match && /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2]);
    if (rel && rel[1].toLowerCase().split(/\s+/).includes("next")) {
      const url = new URL(match[1], response.url);
      return url.origin === location.origin ? url.href : null;
    }
  }
  return null;
}

/** Every entry of an /events query, page by page (its `next` links); `onPage` gets each
page's entries as they arrive. */
async function eachPage(params, signal, onPage, maxPages = 400) {
  const query = new URLSearchParams(params);
  query.set("limit", String(PAGE_SIZE));
  let url = `${API}/events?${query}`;
  for (let page = 0; url && page < maxPages; page += 1) {
    const response = await request(url, signal);
    onPage((await response.json()).items);
    url = nextPage(response);
  }
}

function loadDocument(id) {
  if (!state.documents.has(id)) {
    const request = getJson(`/documents/${encodeURIComponent(id)}`);
    request.catch(() => state.documents.delete(id)); // retry on the next click
    state.documents.set(id, request);
  }
  return state.documents.get(id);
}

// ---------------------------------------------------------------- status and errors

function setStatus(text, phase) {
  $("status").textContent = text;
  body.dataset.state = phase;
}

function showError(error) {
  const box = $("error");
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const fields = error.fields || [];
  box.replaceChildren(
    el("strong", { textContent: error.message }),
    ...(fields.length ? [el("ul", {}, ...fields.map((f) => el("li", { textContent: f })))] : []),
  );
  box.hidden = false;
}

// ---------------------------------------------------------------- the timeline

const items = new vis.DataSet();
const groups = new vis.DataSet();
const timeline = new vis.Timeline($("timeline"), items, groups, {
  stack: true,
  groupOrder: "order",
  orientation: "top", // axis and items: the first rows of each group are the visible ones
  verticalScroll: true,
  maxHeight: "72vh",
  zoomMin: 7 * DAY_MS,
  zoomMax: 1000 * YEAR_MS,
  showCurrentTime: false,
  selectable: true,
  multiselect: false,
  margin: { item: { horizontal: 4, vertical: 4 } },
});

function itemContent(entry) {
  return el("span", {
    className: entry.kind === "remarks" ? "entry remarks" : "entry",
    title: `${entry.value} (${entry.granularity}, confidence ${entry.confidence.toFixed(2)}, salience ${entry.salience.toFixed(2)})\n${entry.text}`,
    textContent: entry.title,
    dataset: { entryId: String(entry.id) },
  });
}

function groupLabel(name, count) {
  return el("span", { className: "group-label", title: name }, name, el("small", {}, ` ${count}`));
}

/** vis items for `entries`: one item per entry, or per (entry, entity); counts per group. */
function layout(entries, grouping, counts) {
  const itemList = [];
  const itemEntry = new Map();
  for (const entry of entries) {
    const start = parseDay(entry.start);
    const end = parseDay(entry.end);
    if (!start) continue;
    // Days are points; weeks, months, years... are drawn over their whole interval.
    const point = entry.granularity === "day" || !end || end <= start;
    const keys =
      grouping === "entity"
        ? entry.entities.length
          ? [...new Set(entry.entities)]
          : [NO_ENTITY]
        : [entry.granularity];
    for (const key of keys) {
      const id = grouping === "entity" ? `${entry.id}\u0000${key}` : entry.id;
      itemList.push({
        id,
        group: key,
        start,
        ...(point ? { type: "point" } : { type: "range", end }),
        className: granularityClass(entry.granularity),
        content: itemContent(entry),
      });
      itemEntry.set(id, entry);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  return { itemList, itemEntry };
}

/** The vis groups for `counts`: by size when grouping by entity, finest first otherwise. */
function groupList(counts, grouping) {
  const names = [...counts.keys()];
  if (grouping === "entity") {
    names.sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
  } else {
    const rank = (g) => (GRANULARITIES.includes(g) ? GRANULARITIES.indexOf(g) : 99);
    names.sort((a, b) => rank(a) - rank(b));
  }
  return names.map((name, order) => ({ id: name, order, content: groupLabel(name, counts.get(name)) }));
}

/** Draw `entries` (new ones, or all of them with `reset`) on top of what is drawn. */
function draw(entries, { reset = false } = {}) {
  if (reset) {
    items.clear();
    groups.clear();
    state.itemEntry = new Map();
    state.groupCounts = new Map();
  }
  const { itemList, itemEntry } = layout(entries, state.group, state.groupCounts);
  groups.update(groupList(state.groupCounts, state.group));
  items.update(itemList);
  for (const [id, entry] of itemEntry) state.itemEntry.set(id, entry);
  $("timeline").dataset.items = String(items.length);
}

/** The first day of a filter bound ("2025", "2025-08", "2025-08-15"), and of the next period. */
function period(bound) {
  const match = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/.exec(bound || "");
  if (!match) return null;
  const [, year, month, day] = match.map(Number);
  const first = parseDay(`${match[1]}-${match[2] || "01"}-${match[3] || "01"}`);
  const next = new Date(first);
  if (match[3]) next.setDate(day + 1);
  else if (match[2]) next.setMonth(month);
  else next.setFullYear(year + 1);
  return { first, next };
}

/** An instant (ms) as the API's day "YYYY-MM-DD", clamped to years 1..9999. */
function isoDay(ms) {
  const day = new Date(Math.min(Math.max(ms, FIRST_DAY), LAST_DAY));
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(day.getFullYear(), 4)}-${pad(day.getMonth() + 1, 2)}-${pad(day.getDate(), 2)}`;
}

/** The period the filters ask for, {lo, hi} in ms, either bound possibly missing. */
function filterPeriod(query) {
  const filters = new URLSearchParams(query);
  return {
    lo: period(filters.get("start"))?.first?.getTime(),
    hi: period(filters.get("end"))?.next?.getTime(),
  };
}

/** The first and last entries' days (decades and centuries left out when finer entries
exist, as they would stretch the view over centuries): the window to open on. */
async function extent(query, signal) {
  const ends = async (extra) => {
    const base = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) base.set(k, v);
    base.set("limit", "1");
    const first = (await getJson(`/events?${base}`, signal)).items[0];
    base.set("sort", "-time");
    const last = (await getJson(`/events?${base}`, signal)).items[0];
    return first && last ? { lo: parseDay(first.start), hi: parseDay(last.end) } : null;
  };
  return (await ends({ granularity: FINE })) || (await ends({}));
}

/** The ranges of [lo, hi) not loaded yet, within the filters' own period. */
function missing(lo, hi) {
  const asked = filterPeriod(state.query);
  lo = Math.max(lo, asked.lo ?? FIRST_DAY, FIRST_DAY);
  hi = Math.min(hi, asked.hi ?? LAST_DAY, LAST_DAY);
  if (hi <= lo) return [];
  const covered = state.covered;
  if (!covered) return [[lo, hi]];
  const parts = [];
  if (lo < covered.lo) parts.push([lo, Math.min(hi, covered.lo)]);
  if (hi > covered.hi) parts.push([Math.max(lo, covered.hi), hi]);
  return parts.filter(([a, b]) => b > a);
}

/** Run `work` as a request of the current filters: the page is "loading" until every such
request is done, then shows the count (or the error). */
async function track(controller, work) {
  state.pending += 1;
  setStatus("Loading…", "loading");
  try {
    await work();
  } catch (error) {
    if (error.name === "AbortError" || state.controller !== controller) return;
    showError(error);
  } finally {
    if (state.controller === controller) {
      state.pending -= 1;
      if (!state.pending) showCount();
    }
  }
}

/** Load the entries of the visible window and half a window on each side. */
function loadWindow() {
  const controller = state.controller;
  const view = timeline.getWindow();
  // the days in view, for tests and bookmarklets: "YYYY-MM-DD/YYYY-MM-DD"
  $("timeline").dataset.window = `${isoDay(view.start)}/${isoDay(view.end - 1)}`;
  const width = view.end - view.start;
  const parts = missing(view.start - width / 2, Number(view.end) + width / 2);
  if (!controller || !parts.length) return Promise.resolve();
  for (const [lo, hi] of parts) {
    const covered = state.covered || { lo, hi };
    state.covered = { lo: Math.min(covered.lo, lo), hi: Math.max(covered.hi, hi) };
  }
  return track(controller, async () => {
    for (const [lo, hi] of parts) {
      const params = new URLSearchParams(state.query);
      params.set("start", isoDay(lo));
      params.set("end", isoDay(hi - 1));
      await eachPage(params, controller.signal, (page) => {
        if (state.controller !== controller) return;
        const fresh = page.filter((e) => !state.entries.has(e.id));
        for (const entry of fresh) state.entries.set(entry.id, entry);
        draw(fresh);
      });
    }
  });
}

function showCount() {
  const n = state.entries.size;
  const none = state.query
    ? "No entries match these filters."
    : "The timeline is empty: ingest articles (timeline ingest PATH, or POST /api/v1/documents).";
  if (!$("error").hidden) {
    setStatus("Some entries could not be loaded; the entries shown are from before.", "error");
    return;
  }
  const covered = state.covered;
  const span = covered ? ` from ${isoDay(covered.lo)} to ${isoDay(covered.hi - 1)}` : "";
  const salient = new URLSearchParams(state.query).has("min_salience") ? " (salient only)" : "";
  setStatus(n ? `${n} ${n === 1 ? "entry" : "entries"}${span}${salient}` : none, "ready");
}

let moved = null;
timeline.on("rangechanged", () => {
  clearTimeout(moved);
  moved = setTimeout(loadWindow, 150);
});

// ---------------------------------------------------------------- filters

function filterParams() {
  const params = new URLSearchParams();
  const form = $("filters");
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  if (form.elements.salient.checked) params.set("min_salience", SALIENT);
  return params;
}

/** Point the download links at every entry matching `params` (not just the window). */
function syncDownloads(params) {
  for (const link of document.querySelectorAll("a[data-format]")) {
    const query = new URLSearchParams(params);
    query.set("format", link.dataset.format);
    link.href = `${API}/timeline?${query}`;
  }
}

function syncUrl(params) {
  syncDownloads(params);
  const shown = new URLSearchParams(params);
  // the page's own default is not repeated in its URL; leaving it is
  if (shown.has("min_salience")) shown.delete("min_salience");
  else shown.set("all", "1");
  if (state.group !== "granularity") shown.set("group", state.group);
  const search = shown.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

/** Apply the filters: find their extent, open the window on it and load it. */
function load() {
  const params = filterParams();
  const query = params.toString();
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  state.pending = 0; // requests of the previous filters no longer count
  body.dataset.query = query;
  syncUrl(params);
  return track(controller, async () => {
    const asked = filterPeriod(query);
    const bounded = asked.lo !== undefined && asked.hi !== undefined;
    const found = bounded ? null : await extent(query, controller.signal);
    if (state.controller !== controller) return;
    state.query = query;
    state.entries = new Map();
    state.covered = null;
    showError(null);
    closePanel();
    draw([], { reset: true });
    const lo = asked.lo ?? found?.lo?.getTime();
    const hi = asked.hi ?? found?.hi?.getTime();
    state.extent = lo !== undefined && hi !== undefined ? { lo, hi } : null;
    if (state.extent) {
      // a date filter is what the reader asked to see; an extent gets room for its labels
      if (bounded) timeline.setWindow(lo, hi, { animation: false });
      else showExtent(state.extent);
      await loadWindow();
    }
  });
}

/**
 * Open the view on every entry from `lo` to `hi`, with a small margin before and enough
 * room after `hi` for the latest entries' labels, which run to the right of their dates:
 * without it they are cut by the edge of the view to a few letters.
 */
function showExtent({ lo, hi }) {
  const pad = (hi - lo) * 0.03 + DAY_MS;
  const width = $("timeline").querySelector(".vis-center")?.clientWidth ?? 0;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const label = LABEL_REM * rem + DOT_PX;
  // the dates take the width the label leaves; a view narrower than two labels gets none
  const room = width > 2 * label ? label / (width - label) : 0;
  const start = lo - pad;
  const end = hi + pad;
  timeline.setWindow(start, end + (end - start) * room, { animation: false });
}

async function loadEntityNames() {
  try {
    const entities = await getJson("/entities");
    $("entity-names").replaceChildren(
      ...entities.map((e) => el("option", { value: e.name, label: `${e.name} (${e.entries})` })),
    );
  } catch {
    // Suggestions only: the filter still works without them.
  }
}

// ---------------------------------------------------------------- the source panel

/** Where `source.sentence` starts in `text`: the occurrence that holds the trigger. */
function locateSentence(text, source) {
  const { sentence } = source;
  if (!sentence) return -1;
  for (let at = text.indexOf(sentence); at >= 0; at = text.indexOf(sentence, at + 1)) {
    if (at <= source.char_start && source.char_end <= at + sentence.length) return at;
  }
  return -1;
}

/** `sentence` with `spans` ({start, end, className, title}) as <mark>s; the first wins overlaps. */
function markUp(sentence, spans) {
  const chosen = [];
  for (const span of spans) {
    const valid = span.start >= 0 && span.start < span.end && span.end <= sentence.length;
    if (valid && !chosen.some((c) => span.start < c.end && c.start < span.end)) chosen.push(span);
  }
  chosen.sort((a, b) => a.start - b.start);
  const quote = el("blockquote", { className: "sentence" });
  let pos = 0;
  for (const span of chosen) {
    quote.append(
      sentence.slice(pos, span.start),
      el("mark", { className: span.className, title: span.title }, sentence.slice(span.start, span.end)),
    );
    pos = span.end;
  }
  quote.append(sentence.slice(pos));
  return quote;
}

/** The source's sentence with its trigger and the temporal expressions in it highlighted. */
function sourceSentence(doc, source) {
  const text = doc.text || "";
  const sentence = source.sentence || "";
  const event = (doc.events || []).find(
    (e) => e.char_start === source.char_start && e.char_end === source.char_end,
  );
  const base = locateSentence(text, source);
  const spans = [];
  if (base >= 0) {
    spans.push({
      start: source.char_start - base,
      end: source.char_end - base,
      className: "trigger",
      title: "event trigger",
    });
    for (const x of doc.expressions || []) {
      if (x.char_start >= base && x.char_end <= base + sentence.length) {
        const anchor = event && event.value === x.value;
        spans.push({
          start: x.char_start - base,
          end: x.char_end - base,
          className: anchor ? "timex anchor" : "timex",
          title: `${x.type} ${x.value || ""}`.trim(),
        });
      }
    }
  } else {
    // The stored text no longer holds the sentence: mark the trigger's words if they occur.
    const trigger = text.slice(source.char_start, source.char_end);
    const at = trigger ? sentence.indexOf(trigger) : -1;
    if (at >= 0) {
      spans.push({ start: at, end: at + trigger.length, className: "trigger", title: "event trigger" });
    }
  }
  const parts = [markUp(sentence, spans)];
  if (event && event.anchoring === "publication") {
    const published = doc.published ? ` (${doc.published.value})` : "";
    parts.push(el("p", { className: "note", textContent: `Dated by the article's publication${published}.` }));
  }
  return parts;
}

function sourceItem(source, token) {
  const sentence = el("blockquote", { className: "sentence pending", textContent: source.sentence });
  const heading = el("p", { className: "source-name" }, el("strong", { textContent: source.document_name }));
  const item = el("li", { className: "source", dataset: { document: String(source.document) } }, heading, sentence);
  loadDocument(source.document)
    .then((doc) => {
      if (token !== state.panelToken) return;
      if (doc.title && doc.title !== source.document_name) {
        heading.append(el("span", { className: "doc-title", textContent: ` — ${doc.title}` }));
      }
      if (doc.published) {
        heading.append(el("span", { className: "doc-date", textContent: ` · published ${doc.published.value}` }));
      }
      if (doc.language) {
        heading.append(el("span", { className: "doc-language", textContent: ` · ${doc.language}` }));
      }
      if (doc.language_supported === false) {
        const warning = `The text is not in a language the tagger reads (${doc.language}): its dates and events may be wrong or missing.`;
        item.append(el("p", { className: "note language-warning", textContent: warning }));
      }
      sentence.replaceWith(...sourceSentence(doc, source));
    })
    .catch((error) => {
      if (token !== state.panelToken) return;
      item.append(el("p", { className: "error", textContent: `Could not load the document: ${error.message}` }));
    });
  return item;
}

/** "Who: Vladimir Putin person, Robert Fico person": each participant with its type. */
function participants(entry) {
  const parts = ["Who: "];
  entry.participants.forEach((p, i) => {
    if (i) parts.push(", ");
    parts.push(
      el(
        "span",
        { className: `participant type-${p.type}`, dataset: { type: p.type } },
        p.name,
        el("small", { className: "type", textContent: ` ${p.type}` }),
      ),
    );
  });
  return parts;
}

/** One statement made at the entry: the speaker, the quotation (in quotation marks) or the
paraphrase, and the document it is reported in. */
function statementItem(statement) {
  const said = statement.form === "quote" ? `“${statement.text}”` : statement.text;
  return el(
    "li",
    { className: `statement ${statement.form}`, dataset: { document: String(statement.document) } },
    el("strong", { className: "speaker", textContent: statement.speaker || "(unnamed)" }),
    ": ",
    el("span", { className: "said-text", textContent: said }),
    " ",
    el("cite", { textContent: statement.document_name }),
  );
}

function openEntry(entry) {
  const token = ++state.panelToken;
  const range =
    entry.granularity === "day" ? entry.start : `${entry.start} – ${lastDay(entry.end)}`;
  $("panel-title").textContent = entry.title;
  const json = el("a", {
    className: "entry-json",
    href: `${API}/events/${encodeURIComponent(entry.id)}`,
    target: "_blank",
    rel: "noopener",
    textContent: "JSON",
    title: "This entry as the API returns it",
  });
  const kind = entry.kind === "remarks" ? " · remarks" : "";
  $("panel-meta").replaceChildren(
    el("span", { className: "value", textContent: entry.value }),
    ` · ${entry.granularity} · ${range} · confidence ${entry.confidence.toFixed(2)}`,
    ` · salience ${entry.salience.toFixed(2)}${kind} · `,
    json,
  );
  const who = $("panel-who");
  who.replaceChildren(...participants(entry));
  who.hidden = !entry.participants.length;
  $("panel-statements").replaceChildren(...entry.statements.map(statementItem));
  $("panel-said").hidden = !entry.statements.length;
  $("panel-sources").replaceChildren(...entry.sources.map((s) => sourceItem(s, token)));
  const panel = $("panel");
  panel.dataset.entryId = String(entry.id);
  panel.hidden = false;
  // Select every item of the entry (one per entity when grouped by entity).
  const ids = [...state.itemEntry].filter(([, e]) => e === entry).map(([id]) => id);
  timeline.setSelection(ids);
}

function closePanel() {
  state.panelToken += 1;
  $("panel").hidden = true;
  delete $("panel").dataset.entryId;
  timeline.setSelection([]);
}

// ---------------------------------------------------------------- wiring

function readUrl() {
  const params = new URLSearchParams(location.search);
  const form = $("filters");
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  form.elements.salient.checked = params.get("all") !== "1";
  state.group = params.get("group") === "entity" ? "entity" : "granularity";
  for (const radio of document.querySelectorAll('input[name="group"]')) {
    radio.checked = radio.value === state.group;
  }
}

timeline.on("select", ({ items: selected }) => {
  const entry = selected.length ? state.itemEntry.get(selected[0]) : null;
  if (entry) openEntry(entry);
  else closePanel();
});

$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  load();
});
$("reset").addEventListener("click", () => {
  $("filters").reset();
  load();
});
$("fit").addEventListener("click", () => {
  if (!state.extent) return;
  showExtent(state.extent);
  loadWindow();
});
$("panel-close").addEventListener("click", closePanel);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !$("panel").hidden) closePanel();
});
for (const radio of document.querySelectorAll('input[name="group"]')) {
  radio.addEventListener("change", () => {
    if (!radio.checked) return;
    state.group = radio.value;
    const view = timeline.getWindow();
    closePanel();
    draw([...state.entries.values()], { reset: true });
    timeline.setWindow(view.start, view.end, { animation: false });
    syncUrl(new URLSearchParams(state.query));
  });
}

readUrl();
loadEntityNames();
load();
