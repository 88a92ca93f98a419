// The explorer page of fivesoc: a client of the GraphQL API and of /network/export, like any
// front end. Everything it shows, it asks with the token the planner gives it (none: what an
// anonymous caller may see), so it shows exactly what the API allows.
"use strict";

// ---------------------------------------------------------------------------------------------
// Words, in Chinese first and English second.

const WORDS = {
  zh: {
    title: "五社联动网络浏览",
    searchPlaceholder: "搜索地区或社区（如 德清县、干丰社区）",
    colourBy: "着色", bySociety: "按社会", byCluster: "按聚类", sizeBy: "大小",
    degree: "度", strength: "强度", betweenness: "中介中心性", pagerank: "PageRank",
    brokerageTotal: "中介对数", constraint: "约束", effectiveSize: "有效规模", cluster: "聚类",
    token: "令牌", tokenLabel: "访问令牌（可选；决定能看到什么）", save: "保存", clear: "清除",
    empty: "请在上方搜索并选择一个地区或社区。",
    tabActor: "行动者", tabCommunity: "社区", tabPath: "路径", tabPlots: "图表", tabDownloads: "下载",
    clickActor: "点击网络中的行动者查看详情。",
    chooseCommunity: "选择一个社区（或点击网络中的社区）查看五社联动指数。",
    plotLinkage: "各社区五社联动指数（最弱在前）", plotDegree: "度分布",
    plotMix: "各社区的伙伴构成（按社会）",
    downloadsHint: "下载当前范围与日期的网络：", downloadPng: "当前视图 PNG", downloadCsv: "排名 CSV",
    timeline: "时间", allTime: "全部时间",
    loading: "正在加载网络并计算分析…", loadingPanel: "正在计算…",
    society: "社会", kind: "类型", boundary: "范围外的伙伴", yes: "是", no: "否",
    cutVertex: "关键节点（失去它网络会分裂）", brokerage: "中介角色",
    coordinator: "协调者", itinerant: "巡回者", representativeGatekeeper: "代表/守门人",
    liaison: "联络者", role: "主要角色", none: "无",
    links: "连接", weight: "权重",
    pathFrom: "设为路径起点", pathTo: "设为路径终点",
    pathHint: "在行动者面板中选择起点和终点，绘制两者之间的最短路径和最强路径。",
    shortest: "最短路径", strongest: "最强路径", hops: "步", pathStrength: "强度",
    noPath: "两者之间没有路径。", clearPath: "清除路径",
    linkageIndex: "五社联动指数", missing: "缺少", single: "仅靠一个行动者",
    gateways: "关口（失去它就与该社会断开）", suggestions: "伙伴建议",
    sharedPartners: "共同伙伴", score: "得分", status: "状态", partners: "伙伴", via: "经由",
    REDUNDANT: "多重连接", SINGLE: "单一连接", INDIRECT: "间接", MISSING: "缺失",
    nothingMissing: "无", noSuggestions: "暂无建议",
    actors: "行动者", linkCount: "连接",
    legendBridge: "桥（失去它网络会分裂）", legendCut: "带框：关键节点",
    legendShortest: "最短路径", legendStrongest: "最强路径",
    timelineNeedsToken: "时间轴需要可计算新时间窗口的令牌（分析员及以上）：",
    refused: "请求被拒绝：", tooMany: "请求过多，请稍后再试：", tooCostly: "范围太大，超出成本上限：",
    badInput: "输入有误：", unauthenticated: "令牌无效或已过期：", unavailable: "服务暂时不可用：",
    offline: "无法连接服务器。", noMatches: "没有匹配的地区或社区",
    showing: (n, total) => `显示最弱的 ${n} 个（共 ${total} 个）`,
    communityOf: "社区", regionOf: "地区",
    drawn: (n, m) => `${n} 个行动者，${m} 条连接`,
    QUEUED: "排队中", RUNNING: "计算中", DONE: "已完成", FAILED: "失败",
    stages: { queued: "等待", building: "构建网络", analysing: "计算分析", storing: "保存结果",
      done: "完成", failed: "失败" },
    job: (state, stage, percent) => `分析任务：${state}（${stage}，${percent}%）`,
    stale: (asOf, now) => `分析已过时：为数据版本 ${asOf}（当前 ${now}），正在重新计算`,
    jobFailed: "计算分析的任务失败了。",
  },
  en: {
    title: "Five-society network explorer",
    searchPlaceholder: "Search a region or community (e.g. 德清县, 干丰社区)",
    colourBy: "Colour", bySociety: "by society", byCluster: "by cluster", sizeBy: "Size",
    degree: "Degree", strength: "Strength", betweenness: "Betweenness", pagerank: "PageRank",
    brokerageTotal: "Brokered pairs", constraint: "Constraint", effectiveSize: "Effective size",
    cluster: "Cluster",
    token: "Token", tokenLabel: "Access token (optional; decides what you may see)", save: "Save",
    clear: "Clear",
    empty: "Search and choose a region or a community above.",
    tabActor: "Actor", tabCommunity: "Community", tabPath: "Path", tabPlots: "Plots",
    tabDownloads: "Downloads",
    clickActor: "Click an actor of the network to see it.",
    chooseCommunity: "Choose a community (or click one) to see its five-society linkage.",
    plotLinkage: "Linkage index by community (weakest first)", plotDegree: "Degree distribution",
    plotMix: "Partners of each community by society",
    downloadsHint: "The network of this scope and date:", downloadPng: "PNG of the view",
    downloadCsv: "Ranking as CSV",
    timeline: "Time", allTime: "all time",
    loading: "Loading the network and its analysis…", loadingPanel: "Computing…",
    society: "Society", kind: "Kind", boundary: "Partner outside the scope", yes: "yes", no: "no",
    cutVertex: "Cut vertex (its loss splits the network)", brokerage: "Brokerage roles",
    coordinator: "coordinator", itinerant: "itinerant",
    representativeGatekeeper: "representative/gatekeeper", liaison: "liaison", role: "Main role",
    none: "none",
    links: "Links", weight: "weight",
    pathFrom: "Path from here", pathTo: "Path to here",
    pathHint: "Pick two actors in the actor panel to draw the shortest and the strongest path.",
    shortest: "Shortest path", strongest: "Strongest path", hops: "links",
    pathStrength: "strength", noPath: "No path joins them.", clearPath: "Clear the path",
    linkageIndex: "Five-society linkage index", missing: "Lacks", single: "Through one actor only",
    gateways: "Gateways (its loss cuts the society off)", suggestions: "Partner suggestions",
    sharedPartners: "shared partners", score: "score", status: "Status", partners: "Partners",
    via: "via",
    REDUNDANT: "redundant", SINGLE: "single", INDIRECT: "indirect", MISSING: "missing",
    nothingMissing: "nothing", noSuggestions: "no suggestion",
    actors: "actors", linkCount: "links",
    legendBridge: "bridge (its loss splits the network)", legendCut: "boxed: cut vertex",
    legendShortest: "shortest path", legendStrongest: "strongest path",
    timelineNeedsToken: "The time slider needs a token that may compute new windows (analyst or above): ",
    refused: "Refused: ", tooMany: "Too many requests, try again later: ",
    tooCostly: "Too large a scope for one request: ", badInput: "Bad input: ",
    unauthenticated: "The token is invalid or expired: ", unavailable: "The service is unavailable: ",
    offline: "The server cannot be reached.", noMatches: "No region or community matches",
    showing: (n, total) => `the ${n} weakest of ${total}`,
    communityOf: "community", regionOf: "region",
    drawn: (n, m) => `${n} actors, ${m} links`,
    QUEUED: "queued", RUNNING: "running", DONE: "done", FAILED: "failed",
    stages: { queued: "waiting", building: "building the network", analysing: "analysing",
      storing: "storing", done: "done", failed: "failed" },
    job: (state, stage, percent) => `Analysis job: ${state} (${stage}, ${percent} %)`,
    stale: (asOf, now) => `Stale, as of version ${asOf} (now ${now}); being computed again`,
    jobFailed: "The job computing the analysis failed.",
  },
};

const SOCIETY_NAMES = {
  zh: {
    community: "社区", social_organization: "社会组织", social_worker: "社会工作者",
    volunteer: "社区志愿者", charity_resource: "慈善资源", partner: "伙伴（政府、高校等）",
  },
  en: {
    community: "community", social_organization: "social organization",
    social_worker: "social worker", volunteer: "volunteer", charity_resource: "charity resource",
    partner: "partner (government, university …)",
  },
};
const SOCIETY_COLOURS = {
  community: "#1f77b4", social_organization: "#2ca02c", social_worker: "#ff7f0e",
  volunteer: "#9467bd", charity_resource: "#d62728", partner: "#7f7f7f",
};
const CLUSTER_COLOURS = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac",
];
const BRIDGE_COLOUR = "#c0392b";
const SHORTEST_COLOUR = "#e67e22";
const STRONGEST_COLOUR = "#2471a3";
const EDGE_COLOUR = "#cfd6df";
const LARGE_NETWORK_LINKS = 10000;

const state = {
  lang: localStorage.getItem("fivesoc.lang") || "zh",
  token: sessionStorage.getItem("fivesoc.token") || "",
  scope: null, // {kind: "region" | "community", id, name}
  dates: [], // the slider's dates (ISO), the last being null: all time
  asOf: null,
  colourBy: "society",
  sizeBy: "degree",
  data: null, // the node-link JSON of the export
  selected: null, // a global id
  path: { from: null, to: null, shortest: [], strongest: [] },
  frames: 0,
};
let graph = null;
let renderer = null;
let awaitingFirstFrame = false;
let layoutRun = 0;
const charts = {};

const $ = (selector) => document.querySelector(selector);
const t = (key) => WORDS[state.lang][key] ?? WORDS.zh[key] ?? key;
const societyName = (society) => SOCIETY_NAMES[state.lang][society] ?? society;
const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const number = (value, digits = 3) =>
  value === null || value === undefined ? "—" : Number.isInteger(value) ? String(value) : value.toFixed(digits);

// ---------------------------------------------------------------------------------------------
// Talking to the API.

class ApiError extends Error {
  constructor(code, message, retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

function headers() {
  const h = { accept: "application/json" };
  if (state.token) h.authorization = `Bearer ${state.token}`;
  return h;
}

async function failure(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  const error = body?.errors?.[0];
  return new ApiError(
    error?.extensions?.code ?? `HTTP_${response.status}`,
    error?.message ?? response.statusText,
    response.headers.get("retry-after"),
  );
}

async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { ...headers(), "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("OFFLINE", t("offline"));
  }
  let body = null;
  try { body = await response.json(); } catch { throw await failure(response); }
  if (body.errors?.length) {
    const error = body.errors[0];
    throw new ApiError(error.extensions?.code ?? "ERROR", error.message, response.headers.get("retry-after"));
  }
  return body.data;
}

function scopeParams() {
  const params = new URLSearchParams();
  params.set(state.scope.kind, state.scope.id);
  if (state.asOf) params.set("asOf", state.asOf);
  return params;
}

async function exported(format) {
  const params = scopeParams();
  params.set("format", format);
  let response;
  try {
    response = await fetch(`/network/export?${params}`, { headers: headers() });
  } catch {
    throw new ApiError("OFFLINE", t("offline"));
  }
  if (!response.ok) throw await failure(response);
  return response;
}

const scopeInput = () => (state.scope.kind === "region" ? { region: state.scope.id } : { community: state.scope.id });
const windowInput = () => (state.asOf ? { asOf: state.asOf } : null);

function explain(error) {
  const prefix = {
    FORBIDDEN: "refused", RATE_LIMITED: "tooMany", MAX_COST_EXCEEDED: "tooCostly",
    BAD_USER_INPUT: "badInput", UNAUTHENTICATED: "unauthenticated", UNAVAILABLE: "unavailable",
  }[error.code];
  if (error.code === "OFFLINE") return t("offline");
  const retry = error.retryAfter ? ` (${error.retryAfter} s)` : "";
  return (prefix ? t(prefix) : "") + error.message + retry;
}

function say(message, isError = false) {
  const status = $("#status");
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(isError));
  if (isError) document.body.dataset.error = message;
}

// ---------------------------------------------------------------------------------------------
// Choosing a scope by name.

const SEARCH = `query Search($q: String!) {
  regions(search: $q, first: 6) { nodes { id name level parent { name } } }
  communities(search: $q, first: 8) { nodes { id name region { name } } }
}`;

let searchTimer = null;
let searchSerial = 0;

function onSearchInput() {
  clearTimeout(searchTimer);
  const q = $("#search").value.trim();
  if (!q) { $("#choices").hidden = true; return; }
  searchTimer = setTimeout(() => search(q), 180);
}

async function search(q) {
  const serial = ++searchSerial;
  let data;
  try { data = await gql(SEARCH, { q }); } catch (error) { say(explain(error), true); return; }
  if (serial !== searchSerial) return; // a later keystroke's answer is coming
  const choices = [
    ...data.regions.nodes.map((r) => ({ kind: "region", id: r.id, name: r.name, where: r.parent?.name ?? "" })),
    ...data.communities.nodes.map((c) => ({ kind: "community", id: c.id, name: c.name, where: c.region?.name ?? "" })),
  ];
  const list = $("#choices");
  list.innerHTML = choices.length
    ? choices.map((c, i) =>
        `<li role="option" data-index="${i}">${escape(c.name)}<small>${escape(t(c.kind === "region" ? "regionOf" : "communityOf"))} · ${escape(c.where)}</small></li>`).join("")
    : `<li class="hint">${escape(t("noMatches"))}</li>`;
  list.hidden = false;
  list.querySelectorAll("li[data-index]").forEach((li) =>
    li.addEventListener("click", () => {
      list.hidden = true;
      const chosen = choices[Number(li.dataset.index)];
      $("#search").value = chosen.name;
      choose({ kind: chosen.kind, id: chosen.id, name: chosen.name });
    }));
}

function choose(scope) {
  performance.clearMarks();
  performance.mark("fivesoc:chosen");
  state.scope = scope;
  state.asOf = null;
  state.selected = null;
  state.path = { from: null, to: null, shortest: [], strongest: [] };
  location.hash = new URLSearchParams({ [scope.kind]: scope.id, name: scope.name }).toString();
  load();
  loadTimeline();
  if (scope.kind === "community") showCommunity(scope.id);
}

// ---------------------------------------------------------------------------------------------
// The drawing.

function busy(on, text) {
  $("#progress").hidden = !on;
  $("#progress-text").textContent = text || "";
  document.body.dataset.state = on ? "loading" : document.body.dataset.state;
}

async function load() {
  const serial = ++layoutRun;
  busy(true, t("loading"));
  say("");
  delete document.body.dataset.error;
  followJob();
  let data;
  try {
    const response = await exported("json");
    performance.mark("fivesoc:fetched");
    data = await response.json();
    performance.mark("fivesoc:parsed");
  } catch (error) {
    if (serial !== layoutRun) return;
    busy(false);
    document.body.dataset.state = "error";
    say(explain(error), true);
    return;
  }
  if (serial !== layoutRun) return;
  state.data = data;
  draw(data, serial);
  busy(false);
  plots();
}

// ---------------------------------------------------------------------------------------------
// Where workers compute analyses: the job computing this network's, its progress shown until it
// is done, and the analysis served meanwhile said to be stale; then the network is drawn again.

const JOB = `query Job($scope: NetworkScope, $window: NetworkWindow) {
  network(scope: $scope, window: $window) { job { jobId state stage progress } }
}`;
const STALENESS = `query Staleness($scope: NetworkScope, $window: NetworkWindow) {
  network(scope: $scope, window: $window) { stale asOfDataVersion dataVersion }
}`;
const JOB_POLL_MS = 1000;
let jobRun = 0;

function showJob(text) {
  const shown = $("#job");
  shown.textContent = text || "";
  shown.hidden = !text;
}

async function followJob() {
  const run = ++jobRun;
  const variables = { scope: scopeInput(), window: windowInput() };
  $("#stale").hidden = true;
  delete document.body.dataset.stale;
  let waited = false;
  let stale = false;
  while (run === jobRun) {
    let job;
    try {
      job = (await gql(JOB, variables)).network.job;
    } catch (error) {
      if (error.code !== "RATE_LIMITED" && error.code !== "UNAVAILABLE") return; // the drawing says why
      document.body.dataset.jobError = error.code;
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(error.retryAfter || 1)));
      continue;
    }
    if (run !== jobRun) return;
    document.body.dataset.job = job?.state ?? "";
    if (!job || job.state === "DONE" || job.state === "FAILED") {
      showJob(job?.state === "FAILED" && waited ? t("jobFailed") : "");
      // Drawn again once computed, if the page waited for it: what it shows may be stale,
      // or the drawing may have been refused while the job ran.
      if (job?.state === "DONE" && waited && (stale || document.body.dataset.state === "error")) {
        load();
      }
      return;
    }
    const percent = Math.round(job.progress * 100);
    const text = t("job")(t(job.state), t("stages")[job.stage] ?? job.stage ?? "", percent);
    if (!waited) {
      waited = true;
      // Asked once: answered at once when an earlier analysis is stored (served stale).
      gql(STALENESS, variables).then((data) => {
        if (run !== jobRun || !data.network.stale) return;
        stale = true;
        document.body.dataset.stale = data.network.asOfDataVersion;
        $("#stale").textContent = t("stale")(data.network.asOfDataVersion, data.network.dataVersion);
        $("#stale").hidden = false;
      }, () => {});
    }
    showJob(text);
    if (!$("#progress").hidden) $("#progress-text").textContent = text;
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
  }
}

function nodeSize(value, max, actors) {
  // Smaller in a county of thousands, so that its clusters stay apart on the screen.
  const scale = actors > 2000 ? 0.4 : 1;
  return scale * (3 + 17 * Math.sqrt(max > 0 ? value / max : 0));
}

function draw(data, serial) {
  const previous = graph;
  const byKey = new Map(data.nodes.map((n) => [n.id, n.globalId]));
  const g = new graphology.UndirectedGraph();
  for (const n of data.nodes) {
    const old = previous?.hasNode(n.globalId) ? previous.getNodeAttributes(n.globalId) : null;
    g.addNode(n.globalId, { ...n, key: n.id, x: old?.x ?? 0, y: old?.y ?? 0 });
  }
  for (const l of data.links) {
    g.mergeEdge(byKey.get(l.source), byKey.get(l.target), {
      weight: l.weight, kinds: l.kinds, bridge: l.bridge,
      size: Math.min(1 + l.weight / 2, 5),
      color: l.bridge ? BRIDGE_COLOUR : EDGE_COLOUR,
      zIndex: l.bridge ? 1 : 0,
    });
  }
  const placed = previous && g.someNode((node) => previous.hasNode(node));
  if (!placed) {
    // Clusters packed as circles at once, refined by ForceAtlas2 frame by frame below.
    graphologyLibrary.layout.circlepack.assign(g, {
      hierarchyAttributes: ["cluster", "society"],
      rng: seeded(1),
    });
  } else {
    // Newcomers on a date placed beside a neighbour already drawn.
    g.forEachNode((node, attrs) => {
      if (previous.hasNode(node)) return;
      const near = g.neighbors(node).find((m) => previous.hasNode(m));
      const p = near ? previous.getNodeAttributes(near) : { x: 0, y: 0 };
      g.mergeNodeAttributes(node, { x: p.x + Math.random() - 0.5, y: p.y + Math.random() - 0.5 });
    });
  }
  graph = g;
  restyle();
  performance.mark("fivesoc:built");
  $("#empty").hidden = g.order > 0;
  // A county's tens of thousands of links are drawn as plain lines, without depth sorting,
  // and hidden while the drawing moves; a smaller network's as weighted strokes.
  const large = g.size > LARGE_NETWORK_LINKS;
  g.updateEachEdgeAttributes((_, a) => ({ ...a, type: large ? "thin" : "line" }), { attributes: ["type"] });
  renderer.setSetting("labelRenderedSizeThreshold", large ? 14 : 9);
  renderer.setSetting("zIndex", !large);
  renderer.setSetting("hideEdgesOnMove", large);
  renderer.setSetting("hideLabelsOnMove", large);
  delete document.body.dataset.firstFrame;
  awaitingFirstFrame = true;
  renderer.setGraph(g);
  renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  renderer.refresh();
  document.body.dataset.state = "drawn";
  document.body.dataset.actors = String(g.order);
  document.body.dataset.links = String(g.size);
  say(t("drawn")(g.order, g.size));
  legend();
  if (!placed) refine(g, serial);
  if (state.selected && g.hasNode(state.selected)) select(state.selected);
  else if (state.selected) select(null);
  if (state.path.from && state.path.to) drawPath();
}

// One renderer for the page's life, made when the page opens: its WebGL programs are compiled
// once, while the planner types a name, not each time a network is drawn.
function makeRenderer() {
  renderer = new Sigma(new graphology.UndirectedGraph(), $("#graph"), {
    renderEdgeLabels: false,
    labelFont: 'system-ui, "Noto Sans CJK SC", sans-serif',
    defaultEdgeColor: EDGE_COLOUR,
    edgeProgramClasses: { thin: Sigma.rendering.EdgeLineProgram },
    stagePadding: 40,
    nodeReducer,
    edgeReducer,
  });
  renderer.on("afterRender", () => {
    state.frames += 1;
    if (awaitingFirstFrame && graph?.order) {
      awaitingFirstFrame = false;
      performance.mark("fivesoc:first-frame");
      document.body.dataset.firstFrame = "1";
    }
  });
  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => select(null));
}

function seeded(seed) {
  // Mulberry32: the same layout for the same network every time.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let layoutWorker = null;

function refine(g, serial) {
  // ForceAtlas2 in a worker (layout.js), from the circle packing, the drawing following it.
  layoutWorker?.terminate();
  layoutWorker = new Worker("/explore/layout.js");
  layoutWorker.onerror = (event) => {
    document.body.dataset.layout = "failed";
    console.error(`layout: ${event.message}`);
  };
  const ids = g.nodes();
  const index = new Map(ids.map((id, i) => [id, i]));
  const sources = new Int32Array(g.size);
  const targets = new Int32Array(g.size);
  const weights = new Float64Array(g.size);
  let k = 0;
  g.forEachEdge((_, a, source, target) => {
    sources[k] = index.get(source);
    targets[k] = index.get(target);
    weights[k] = a.weight ?? 1;
    k += 1;
  });
  const x = Float64Array.from(ids, (id) => g.getNodeAttribute(id, "x"));
  const y = Float64Array.from(ids, (id) => g.getNodeAttribute(id, "y"));
  const large = g.order > 3000;
  document.body.dataset.layout = "running";
  layoutWorker.onmessage = ({ data }) => {
    if (data.serial !== serial || g !== graph) return;
    g.updateEachNodeAttributes((id, a) => {
      const i = index.get(id);
      a.x = data.x[i];
      a.y = data.y[i];
      return a;
    }, { attributes: ["x", "y"] });
    if (data.done >= data.total) {
      // Drawn now, not at the next frame, so that the page says "done" of what it shows.
      renderer.refresh();
      document.body.dataset.layout = "done";
    }
  };
  layoutWorker.postMessage(
    { serial, x, y, sources, targets, weights, iterations: large ? 60 : 150, chunk: large ? 5 : 10 },
    [x.buffer, y.buffer, sources.buffer, targets.buffer, weights.buffer],
  );
}

function restyle() {
  if (!graph) return;
  let max = 0;
  graph.forEachNode((_, a) => { max = Math.max(max, a[state.sizeBy] ?? 0); });
  graph.updateEachNodeAttributes((_, a) => ({
    ...a,
    size: nodeSize(a[state.sizeBy] ?? 0, max, graph.order),
    color: state.colourBy === "cluster"
      ? CLUSTER_COLOURS[(a.cluster ?? 0) % CLUSTER_COLOURS.length]
      : SOCIETY_COLOURS[a.society] ?? "#999",
  }));
  legend();
}

function pathEdges(ids) {
  const edges = new Set();
  for (let i = 1; i < ids.length; i++) {
    const e = graph.edge(ids[i - 1], ids[i]);
    if (e) edges.add(e);
  }
  return edges;
}

// The reducers change what is drawn only while something is picked (an actor, a path); the
// rest of the time they hand the attributes over as they are, a county's 45k links included.
const picking = () => Boolean(state.selected || state.path.shortest.length || state.path.strongest.length);

// Cut vertices are boxed with their labels in networks small enough for the boxes to be read;
// in larger ones, in the picked actor's neighbourhood only.
const BOXED_CUT_VERTICES = 400;

function nodeReducer(node, data) {
  const emphasised = data.articulationPoint && (graph.order <= BOXED_CUT_VERTICES || graph.areNeighbors(node, state.selected ?? node));
  if (!picking()) return emphasised ? { ...data, highlighted: true, forceLabel: true } : data;
  const res = { ...data };
  const onPath = state.path.shortest.includes(node) || state.path.strongest.includes(node);
  if (emphasised || onPath || node === state.selected) {
    res.highlighted = true;
    res.forceLabel = true;
  }
  if (state.selected && node !== state.selected && !onPath && !graph.areNeighbors(node, state.selected)) {
    res.color = "#e4e4e4";
    res.label = "";
    res.highlighted = false;
    res.forceLabel = false;
  }
  return res;
}

function edgeReducer(edge, data) {
  if (!picking()) return data;
  const res = { ...data };
  const shortest = state.path.shortestEdges?.has(edge);
  const strongest = state.path.strongestEdges?.has(edge);
  if (shortest || strongest) {
    res.color = shortest && strongest ? "#7d3c98" : shortest ? SHORTEST_COLOUR : STRONGEST_COLOUR;
    res.size = 5;
    res.zIndex = 2;
  }
  if (state.selected && !graph.hasExtremity(edge, state.selected) && !shortest && !strongest) {
    res.hidden = true;
  }
  return res;
}

function legend() {
  const entries = state.colourBy === "society"
    ? Object.entries(SOCIETY_COLOURS).map(([s, c]) => `<span class="swatch" style="background:${c}"></span>${escape(societyName(s))}`)
    : [`${escape(t("byCluster"))}`];
  $("#legend").innerHTML =
    entries.join("") +
    `<br><span class="line" style="background:${BRIDGE_COLOUR}"></span>${escape(t("legendBridge"))}` +
    `<span class="line" style="background:#999;height:1px"></span>${escape(t("legendCut"))}` +
    `<span class="line" style="background:${SHORTEST_COLOUR}"></span>${escape(t("legendShortest"))}` +
    `<span class="line" style="background:${STRONGEST_COLOUR}"></span>${escape(t("legendStrongest"))}`;
}

// ---------------------------------------------------------------------------------------------
// The actor panel.

function actorLink(id) {
  const label = graph?.hasNode(id) ? graph.getNodeAttribute(id, "label") : id;
  return `<a class="actor" data-actor="${escape(id)}">${escape(label)}</a>`;
}

function wireActorLinks(root) {
  root.querySelectorAll("a.actor").forEach((a) => a.addEventListener("click", () => {
    if (graph?.hasNode(a.dataset.actor)) select(a.dataset.actor);
  }));
}

function select(node) {
  state.selected = node;
  renderer?.refresh();
  const tab = $("#tab-actor");
  if (!node || !graph?.hasNode(node)) {
    tab.innerHTML = `<p class="hint">${escape(t("clickActor"))}</p>`;
    return;
  }
  const a = graph.getNodeAttributes(node);
  const metric = (key) => `<tr><td>${escape(t(key))}</td><td>${number(a[key])}</td></tr>`;
  const roles = ["coordinator", "itinerant", "representativeGatekeeper", "liaison"]
    .map((role) => {
      const column = `brokerage${role[0].toUpperCase()}${role.slice(1)}`;
      return `<tr><td>${escape(t(role))}</td><td>${a[column] ?? 0}</td></tr>`;
    }).join("");
  const neighbours = graph.edges(node).map((e) => {
    const other = graph.opposite(node, e);
    const link = graph.getEdgeAttributes(e);
    const kinds = Object.keys(link.kinds || {}).join(", ");
    return { other, weight: link.weight, kinds, bridge: link.bridge };
  }).sort((x, y) => y.weight - x.weight);
  tab.innerHTML = `
    <h2 data-actor-name>${escape(a.label)}</h2>
    <p><span class="badge" style="background:${SOCIETY_COLOURS[a.society] ?? "#999"}">${escape(societyName(a.society))}</span>
       ${escape(t("kind"))}: ${escape(a.kind)}${a.boundary ? ` · ${escape(t("boundary"))}` : ""}
       ${a.articulationPoint ? `<br><strong>${escape(t("cutVertex"))}</strong>` : ""}</p>
    <table class="metrics" id="actor-metrics">
      ${["degree", "strength", "betweenness", "pagerank", "constraint", "effectiveSize", "cluster"].map(metric).join("")}
    </table>
    <h3>${escape(t("brokerage"))}</h3>
    <table class="metrics">${roles}
      <tr><td>${escape(t("brokerageTotal"))}</td><td>${a.brokerageTotal ?? 0}</td></tr>
      <tr><td>${escape(t("role"))}</td><td>${escape(a.brokerageRole ? t(camel(a.brokerageRole)) : t("none"))}</td></tr>
    </table>
    <div class="buttons">
      <button type="button" id="path-from">${escape(t("pathFrom"))}</button>
      <button type="button" id="path-to">${escape(t("pathTo"))}</button>
    </div>
    <h3>${escape(t("links"))} (${neighbours.length})</h3>
    <ul class="plain">${neighbours.map((n) =>
      `<li>${actorLink(n.other)} <small>${escape(t("weight"))} ${number(n.weight, 2)} · ${escape(n.kinds)}${n.bridge ? ` · <span style="color:${BRIDGE_COLOUR}">${escape(t("legendBridge"))}</span>` : ""}</small></li>`).join("")}</ul>`;
  wireActorLinks(tab);
  $("#path-from").addEventListener("click", () => pathEnd("from", node));
  $("#path-to").addEventListener("click", () => pathEnd("to", node));
  showTab("actor");
  if (a.society === "community") showCommunity(node, false);
}

const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// ---------------------------------------------------------------------------------------------
// The community panel: its linkage index, what it lacks, its gateways and partner suggestions.

const COMMUNITY = `query Community($scope: NetworkScope!, $window: NetworkWindow, $c: ID!) {
  network(scope: $scope, window: $window) {
    linkage(community: $c) {
      index missing single
      community { id label }
      societies { society status score strength partners { id label } via { id label } }
    }
    gateways(community: $c) { society actors { id label } }
  }
}`;
const SUGGESTIONS = `query Suggest($scope: NetworkScope!, $window: NetworkWindow, $c: ID!, $s: Society!) {
  network(scope: $scope, window: $window) {
    suggestions(community: $c, society: $s, first: 3) { score node { id label } shared { id label } }
  }
}`;

let communitySerial = 0;

async function showCommunity(id, focus = true) {
  const serial = ++communitySerial;
  state.community = id;
  const tab = $("#tab-community");
  tab.innerHTML = `<p class="hint">${escape(t("loadingPanel"))}</p>`;
  // Shown when it is asked for, unless the planner has picked another actor meanwhile.
  const stillWanted = () => focus && (!state.selected || state.selected === id);
  if (stillWanted()) showTab("community");
  const variables = { scope: scopeInput(), window: windowInput(), c: id };
  let data;
  try { data = await gql(COMMUNITY, variables); } catch (error) {
    if (serial === communitySerial) tab.innerHTML = `<p class="error">${escape(explain(error))}</p>`;
    return;
  }
  if (serial !== communitySerial) return;
  const linkage = data.network.linkage;
  const wanting = [...linkage.missing, ...linkage.single];
  const suggestions = await Promise.all(wanting.map(async (society) => {
    try {
      const d = await gql(SUGGESTIONS, { ...variables, s: society });
      return [society, d.network.suggestions];
    } catch { return [society, []]; }
  }));
  if (serial !== communitySerial) return;
  const names = (list) => list.length ? list.map((s) => escape(societyName(s.toLowerCase()))).join("、") : escape(t("nothingMissing"));
  const ids = (nodes) => nodes.map((n) => actorLink(n.id)).join("、");
  tab.innerHTML = `
    <h2>${escape(linkage.community.label)}</h2>
    <div>${escape(t("linkageIndex"))}</div>
    <div class="index" id="linkage-index">${linkage.index.toFixed(2)}</div>
    <p><strong>${escape(t("missing"))}</strong>: <span id="linkage-missing">${names(linkage.missing)}</span><br>
       <strong>${escape(t("single"))}</strong>: <span id="linkage-single">${names(linkage.single)}</span></p>
    <table class="metrics">
      <tr><td><strong>${escape(t("society"))}</strong></td><td><strong>${escape(t("status"))}</strong></td></tr>
      ${linkage.societies.map((s) => `<tr><td>${escape(societyName(s.society.toLowerCase()))}<br><small>${ids(s.partners.length ? s.partners : s.via)}</small></td><td>${escape(t(s.status))} (${s.score})</td></tr>`).join("")}
    </table>
    <h3>${escape(t("gateways"))}</h3>
    <ul class="plain">${data.network.gateways.filter((g) => g.actors.length).map((g) =>
      `<li>${escape(societyName(g.society.toLowerCase()))}: ${ids(g.actors)}</li>`).join("") || `<li>${escape(t("none"))}</li>`}</ul>
    <h3>${escape(t("suggestions"))}</h3>
    <ul class="plain" id="suggestions">${suggestions.map(([society, list]) =>
      `<li><strong>${escape(societyName(society.toLowerCase()))}</strong>: ${list.length ? list.map((s) =>
        `${actorLink(s.node.id)} <small>(${escape(t("score"))} ${s.score.toFixed(2)}; ${escape(t("sharedPartners"))}: ${ids(s.shared)})</small>`).join("；") : escape(t("noSuggestions"))}</li>`).join("") || `<li>${escape(t("none"))}</li>`}</ul>`;
  wireActorLinks(tab);
  if (stillWanted()) showTab("community");
}

// ---------------------------------------------------------------------------------------------
// Paths between two actors.

const PATHS = `query Paths($scope: NetworkScope!, $window: NetworkWindow, $a: ID!, $b: ID!) {
  network(scope: $scope, window: $window) {
    shortestPath(source: $a, target: $b) { hops strength nodes { id label } }
    strongestPath(source: $a, target: $b) { hops strength weights nodes { id label } }
  }
}`;

function pathEnd(end, node) {
  state.path[end] = node;
  if (state.path.from && state.path.to) drawPath();
  else renderPathPanel();
  showTab("path");
}

async function drawPath() {
  const { from, to } = state.path;
  let data;
  try {
    data = await gql(PATHS, { scope: scopeInput(), window: windowInput(), a: from, b: to });
  } catch (error) { say(explain(error), true); return; }
  const shortest = data.network.shortestPath;
  const strongest = data.network.strongestPath;
  state.path.shortest = shortest ? shortest.nodes.map((n) => n.id) : [];
  state.path.strongest = strongest ? strongest.nodes.map((n) => n.id) : [];
  state.path.shortestEdges = pathEdges(state.path.shortest);
  state.path.strongestEdges = pathEdges(state.path.strongest);
  state.path.answer = { shortest, strongest };
  state.selected = null;
  renderer?.refresh();
  renderPathPanel();
  document.body.dataset.path = state.path.shortest.join(",");
}

function renderPathPanel() {
  const tab = $("#tab-path");
  const { from, to, answer } = state.path;
  const end = (id) => (id ? actorLink(id) : "—");
  let body = `<p class="hint">${escape(t("pathHint"))}</p><p>${end(from)} → ${end(to)}</p>`;
  if (answer && from && to) {
    const describe = (key, path, colour) => path
      ? `<h3 style="color:${colour}">${escape(t(key))}</h3><p id="${key}-path">${path.nodes.map((n) => actorLink(n.id)).join(" → ")}</p>
         <p><small>${path.hops} ${escape(t("hops"))} · ${escape(t("pathStrength"))} ${path.strength.toFixed(3)}</small></p>`
      : `<p>${escape(t("noPath"))}</p>`;
    body += describe("shortest", answer.shortest, SHORTEST_COLOUR) + describe("strongest", answer.strongest, STRONGEST_COLOUR);
  }
  body += `<div class="buttons"><button type="button" id="path-clear">${escape(t("clearPath"))}</button></div>`;
  tab.innerHTML = body;
  wireActorLinks(tab);
  $("#path-clear").addEventListener("click", () => {
    state.path = { from: null, to: null, shortest: [], strongest: [] };
    delete document.body.dataset.path;
    renderer?.refresh();
    renderPathPanel();
  });
}

// ---------------------------------------------------------------------------------------------
// The time slider: the network as of each year's end, and the whole time.

const TIMELINE = `query Timeline($scope: NetworkScope!, $dates: [Date!]!, $c: ID) {
  network(scope: $scope) {
    timeline(dates: $dates, community: $c) { date summary { nodes links } linkage { index } }
  }
}`;

function sliderDates() {
  const year = new Date().getFullYear();
  const dates = [];
  for (let y = year - 6; y < year; y++) dates.push(`${y}-12-31`);
  return dates;
}

async function loadTimeline() {
  const slider = $("#slider");
  const dates = sliderDates();
  state.dates = [...dates, null];
  slider.max = String(dates.length);
  slider.value = String(dates.length);
  slider.disabled = true;
  showDate();
  let data;
  try {
    data = await gql(TIMELINE, {
      scope: scopeInput(), dates, c: state.scope.kind === "community" ? state.scope.id : null,
    });
  } catch (error) {
    $("#timeline-summary").textContent = error.code === "FORBIDDEN" ? t("timelineNeedsToken") + error.message : explain(error);
    return;
  }
  state.moments = data.network.timeline;
  slider.disabled = false;
  showDate();
}

function showDate() {
  const index = Number($("#slider").value);
  const date = state.dates[index];
  $("#slider-date").textContent = date ?? t("allTime");
  const moment = state.moments?.find((m) => m.date === date);
  if (moment) {
    const index = moment.linkage ? ` · ${t("linkageIndex")} ${moment.linkage.index.toFixed(2)}` : "";
    $("#timeline-summary").textContent = t("drawn")(moment.summary.nodes, moment.summary.links) + index;
  } else if (!$("#slider").disabled && graph) {
    $("#timeline-summary").textContent = t("drawn")(graph.order, graph.size);
  }
}

function onSlide() {
  showDate();
  state.asOf = state.dates[Number($("#slider").value)] ?? null;
  document.body.dataset.asOf = state.asOf ?? "";
  load();
  if (state.community) showCommunity(state.community, false);
  if (state.path.from && state.path.to) drawPath();
}

// ---------------------------------------------------------------------------------------------
// Plots: linkage index by community, degree distribution, each community's partners by society.

const LINKAGES = `query Linkages($scope: NetworkScope!, $window: NetworkWindow) {
  network(scope: $scope, window: $window) {
    linkages(first: 100) { totalCount nodes { index community { id label } } }
  }
}`;

function chart(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart($(`#${id}`), {
    ...config,
    options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
  });
}

async function plots() {
  if (!graph) return;
  const degrees = new Map();
  graph.forEachNode((_, a) => degrees.set(a.degree, (degrees.get(a.degree) ?? 0) + 1));
  const maxDegree = Math.max(0, ...degrees.keys());
  const xs = Array.from({ length: maxDegree + 1 }, (_, d) => d);
  chart("plot-degree", {
    type: "bar",
    data: { labels: xs, datasets: [{ label: t("actors"), data: xs.map((d) => degrees.get(d) ?? 0), backgroundColor: "#1f3a5f" }] },
    options: { plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: t("degree") } } } },
  });
  let data;
  try { data = await gql(LINKAGES, { scope: scopeInput(), window: windowInput() }); } catch (error) {
    say(explain(error), true);
    return;
  }
  const linkages = data.network.linkages;
  const labels = linkages.nodes.map((l) => l.community.label);
  $("#plot-linkage").parentElement.classList.toggle("tall", labels.length > 12);
  $("#plot-mix").parentElement.classList.toggle("tall", labels.length > 12);
  chart("plot-linkage", {
    type: "bar",
    data: { labels, datasets: [{ label: t("linkageIndex"), data: linkages.nodes.map((l) => l.index), backgroundColor: "#2471a3" }] },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false }, subtitle: { display: true, text: t("showing")(labels.length, linkages.totalCount) } },
      scales: { x: { min: 0, max: 1 } },
    },
  });
  const societies = Object.keys(SOCIETY_COLOURS).filter((s) => s !== "community");
  const mix = linkages.nodes.map((l) => {
    const counts = Object.fromEntries(societies.map((s) => [s, 0]));
    if (graph.hasNode(l.community.id)) {
      graph.forEachNeighbor(l.community.id, (_, a) => { if (a.society in counts) counts[a.society] += 1; });
    }
    return counts;
  });
  chart("plot-mix", {
    type: "bar",
    data: {
      labels,
      datasets: societies.map((s) => ({ label: societyName(s), data: mix.map((m) => m[s]), backgroundColor: SOCIETY_COLOURS[s] })),
    },
    options: { indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  document.body.dataset.plots = String(labels.length);
}

// ---------------------------------------------------------------------------------------------
// Downloads.

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileName = (suffix) => `fivesoc-${state.scope.name}${state.asOf ? `-${state.asOf}` : ""}.${suffix}`;

async function download(kind) {
  if (!state.scope) return;
  try {
    if (kind === "png") return save(await snapshot(), fileName("png"));
    if (kind === "csv") return save(ranking(), fileName("csv"));
    const response = await exported(kind);
    save(await response.blob(), fileName(kind));
  } catch (error) { say(explain(error), true); }
}

function snapshot() {
  // The renderer's layers drawn onto one canvas, right after a synchronous render.
  renderer.refresh();
  const layers = renderer.getCanvases();
  const { width, height } = renderer.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement("canvas");
  out.width = width * ratio;
  out.height = height * ratio;
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, out.width, out.height);
  for (const name of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
    if (layers[name]) ctx.drawImage(layers[name], 0, 0, out.width, out.height);
  }
  return new Promise((resolve) => out.toBlob(resolve, "image/png"));
}

function ranking() {
  const columns = ["label", "society", "kind", "globalId", "degree", "strength", "betweenness", "pagerank", "brokerageTotal", "cluster", "articulationPoint"];
  const rows = graph.mapNodes((_, a) => a).sort((x, y) => (y[state.sizeBy] ?? 0) - (x[state.sizeBy] ?? 0) || x.key - y.key);
  const cell = (v) => (v === null || v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [["rank", ...columns].join(","), ...rows.map((r, i) => [i + 1, ...columns.map((c) => cell(r[c]))].join(","))];
  // A byte-order mark, so that spreadsheet programs read the Chinese names as UTF-8.
  return new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
}

// ---------------------------------------------------------------------------------------------
// Tabs, language, token, and the start.

function showTab(name) {
  document.querySelectorAll("aside nav button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".tab").forEach((tab) => { tab.hidden = tab.id !== `tab-${name}`; });
  if (name === "plots") Object.values(charts).forEach((c) => c.resize());
}

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = `fivesoc · ${t("title")}`;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $("#language").textContent = state.lang === "zh" ? "English" : "中文";
  legend();
  showDate();
  if (state.selected) select(state.selected);
  if (state.community) showCommunity(state.community, false);
  if (state.path.from || state.path.to) renderPathPanel();
  if (graph) plots();
}

function start() {
  makeRenderer();
  translate();
  $("#search").addEventListener("input", onSearchInput);
  $("#search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") $("#choices li[data-index]")?.click();
    if (event.key === "Escape") $("#choices").hidden = true;
  });
  $("#colour-by").addEventListener("change", (e) => { state.colourBy = e.target.value; restyle(); });
  $("#size-by").addEventListener("change", (e) => { state.sizeBy = e.target.value; restyle(); });
  $("#slider").addEventListener("change", onSlide);
  $("#slider").addEventListener("input", showDate);
  $("#language").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("fivesoc.lang", state.lang);
    translate();
  });
  $("#token-button").addEventListener("click", () => { $("#token-form").hidden = !$("#token-form").hidden; });
  $("#token").value = state.token;
  $("#token-save").addEventListener("click", () => {
    state.token = $("#token").value.trim();
    sessionStorage.setItem("fivesoc.token", state.token);
    $("#token-form").hidden = true;
    if (state.scope) choose(state.scope);
  });
  $("#token-clear").addEventListener("click", () => {
    state.token = "";
    $("#token").value = "";
    sessionStorage.removeItem("fivesoc.token");
    if (state.scope) choose(state.scope);
  });
  document.querySelectorAll("aside nav button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  document.querySelectorAll("[data-download]").forEach((b) => b.addEventListener("click", () => download(b.dataset.download)));
  renderPathPanel();
  const wanted = new URLSearchParams(location.hash.slice(1));
  for (const kind of ["region", "community"]) {
    if (wanted.get(kind)) {
      $("#search").value = wanted.get("name") ?? "";
      choose({ kind, id: wanted.get(kind), name: wanted.get("name") ?? wanted.get(kind) });
      break;
    }
  }
  document.body.dataset.ready = "1";
}

// For tests and measurements in a browser: the page's state, graph and renderer.
window.fivesocExplorer = { state, graph: () => graph, renderer: () => renderer, choose, select, pathEnd };

start();
