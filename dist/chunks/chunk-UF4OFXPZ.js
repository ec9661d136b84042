import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);

// src/core/errors.ts
var EXIT = { pass: 0, violations: 1, usage: 2, internal: 3 };
var UsageError = class extends Error {
  name = "UsageError";
  exitCode = EXIT.usage;
};
var ConfigError = class extends Error {
  constructor(message, file, line) {
    super(message);
    this.file = file;
    this.line = line;
  }
  file;
  line;
  name = "ConfigError";
  exitCode = EXIT.usage;
};
var ScanError = class extends Error {
  constructor(message, path2) {
    super(message);
    this.path = path2;
  }
  path;
  name = "ScanError";
  exitCode = EXIT.internal;
};
function exitCodeOf(err) {
  if (err instanceof UsageError || err instanceof ConfigError) return EXIT.usage;
  return EXIT.internal;
}
function describeError(err) {
  if (err instanceof ConfigError) {
    const where = err.file ? `${err.file}${err.line ? `:${err.line}` : ""}: ` : "";
    return `${where}${err.message}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

// src/gates/live-endpoints/scan-files.ts
import { Worker } from "node:worker_threads";

// src/core/read-text.ts
import { readFileSync } from "node:fs";
import path from "node:path";
var BINARY_EXTENSIONS = new Set(
  "png jpg jpeg gif bmp ico webp tif tiff psd svgz pdf zip gz tgz bz2 xz 7z rar jar war whl egg so dylib dll exe bin o a lib class pyc pyo wasm ttf otf woff woff2 eot mp3 mp4 wav ogg flac mov avi mkv parquet feather arrow h5 hdf5 pkl pickle npy npz db sqlite sqlite3 onnx pt pth ckpt joblib xlsx xls docx doc pptx".split(" ")
);
var BINARY_SNIFF_BYTES = 8e3;
function readText(root, rel) {
  if (BINARY_EXTENSIONS.has(extensionOf(rel))) return null;
  let buf;
  try {
    buf = readFileSync(path.join(root, rel));
  } catch (err) {
    throw new ScanError(`cannot read ${rel}: ${err.code ?? err.message}`, rel);
  }
  return buf.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? null : buf.toString("utf8");
}
function extensionOf(rel) {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

// src/gates/live-endpoints/ib-ports.ts
var IB_LIBRARY = /\b(?:ib_insync|ib_async|ibapi|ib_client|ibkr|IBApi|EClient|@stoqey\/ib|ib-tws-api|IBGateway)\b/;
var IB_KEY = String.raw`(?:[\w.-]*[_.-])?(?:ib|ibkr|ibg|tws|ibgateway)(?:[_.-][\w.-]*)?[_.-]?port`;
var ANY_PORT_KEY = String.raw`(?:[\w.-]*[_.-])?port`;
function keyValue(key, ports) {
  return new RegExp(String.raw`(?<![\w.-])["']?(${key})["']?\s*[:=]\s*["']?(${ports})(?!\d)`, "gi");
}
function portMatcher(entries) {
  const live = entries.filter((e) => e.env === "live");
  if (live.length === 0) return () => [];
  const byPort = new Map(live.map((e) => [e.port, e]));
  const alternation = [...byPort.keys()].join("|");
  const ibKey = keyValue(IB_KEY, alternation);
  const anyKey = keyValue(ANY_PORT_KEY, alternation);
  const connect = /\.connect(?:Async)?\s*\(/g;
  const livePortInArgs = new RegExp(String.raw`(?<![\w.])(${alternation})(?![\w.])`);
  const portLiterals = [...byPort.keys()].map(String);
  return (text) => {
    if (!portLiterals.some((p) => text.includes(p))) return [];
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const push = (index, port, matched, context) => {
      const entry = byPort.get(port);
      if (!entry || seen.has(index)) return;
      seen.add(index);
      out.push({ port, entry, index, text: matched, context });
    };
    const isIbFile = IB_LIBRARY.test(text);
    for (const re of isIbFile ? [ibKey, anyKey] : [ibKey]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const value = m[2] ?? "";
        push(m.index + m[0].length - value.length, Number(value), m[0], "config key");
      }
    }
    if (isIbFile) {
      connect.lastIndex = 0;
      for (let m = connect.exec(text); m; m = connect.exec(text)) {
        const open = m.index + m[0].length;
        const close = closingParen(text, open);
        const args = text.slice(open, close);
        const p = livePortInArgs.exec(args);
        if (p) push(open + p.index, Number(p[1]), text.slice(m.index, close + 1), "connect call");
      }
    }
    return out.sort((a, b) => a.index - b.index);
  };
}
function closingParen(text, from) {
  let depth = 1;
  const limit = Math.min(text.length, from + 2e3);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return limit;
}

// src/gates/live-endpoints/scan.ts
function hostMatcher(topLevelLabels, isKnown) {
  const tlds = topLevelLabels.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(
    String.raw`(?<![\w.@-])(?:(https?|wss?)://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${tlds}))(?![\w-]|\.[a-z0-9])(?::(\d{1,5}))?(/[^\s'"\x60<>()\[\]{},;\\|^]*)?`,
    "gi"
  );
  const mayHaveKnown = isKnown ? knownHostPrefilter(tlds, isKnown) : null;
  return (text) => {
    const out = [];
    if (mayHaveKnown && !mayHaveKnown(text)) return out;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [full, scheme, host = "", port, rawPath] = m;
      out.push({
        host: host.toLowerCase(),
        scheme: scheme ? scheme.toLowerCase() : null,
        port: port ? Number(port) : null,
        path: (rawPath ?? "").replace(/[?#].*$/, "").replace(/[.:]+$/, ""),
        text: full.replace(/[.:]+$/, ""),
        index: m.index
      });
    }
    return out;
  };
}
function knownHostPrefilter(tlds, isKnown) {
  const ends = new RegExp(String.raw`\.(?:${tlds})(?![\w-])`, "gi");
  return (text) => {
    ends.lastIndex = 0;
    for (let m = ends.exec(text); m; m = ends.exec(text)) {
      let start = m.index;
      while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
      let name = text.slice(start, m.index + m[0].length).toLowerCase();
      for (; ; ) {
        if (isKnown(name)) return true;
        const dot = name.indexOf(".");
        if (dot === -1) break;
        name = name.slice(dot + 1);
      }
    }
    return false;
  };
}
function isHostChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 46 || c === 45;
}

// src/gates/live-endpoints/scan-files.ts
var CHUNK = 256;
function fileScanner(spec) {
  const known = new Set(spec.knownHosts);
  const findHosts = hostMatcher(spec.topLevelLabels, (host) => known.has(host));
  const findPorts = spec.ports ? portMatcher(spec.ports) : () => [];
  return (root, rel) => {
    let text;
    try {
      text = readText(root, rel);
    } catch (err) {
      return { binary: false, hosts: [], ports: [], error: err.message };
    }
    if (text === null) return { binary: true, hosts: [], ports: [] };
    const hosts = findHosts(text);
    const ports = findPorts(text);
    return hosts.length || ports.length ? { binary: false, hosts, ports, text } : { binary: false, hosts, ports };
  };
}
function scanChunks(input, scan, each) {
  const claim = new Int32Array(input.counter);
  const chunks = Math.ceil(input.paths.length / CHUNK);
  for (let c = Atomics.add(claim, 0, 1); c < chunks; c = Atomics.add(claim, 0, 1)) {
    each(c, input.paths.slice(c * CHUNK, (c + 1) * CHUNK).map((rel) => scan(input.root, rel)));
  }
}
async function scanFiles(inventory, paths, spec, workers) {
  const input = { root: inventory.root, paths, spec, counter: new SharedArrayBuffer(4) };
  const chunks = new Array(Math.ceil(paths.length / CHUNK));
  const store = (c, results) => {
    chunks[c] = results;
  };
  const started = workers.script ? Array.from({ length: workers.count }, () => runWorker(workers.script, input, store)) : [];
  const scan = fileScanner(spec);
  scanChunks(input, scan, store);
  await Promise.all(started);
  const out = [];
  for (let c = 0; c < chunks.length; c++) {
    const results = chunks[c] ??= paths.slice(c * CHUNK, (c + 1) * CHUNK).map((rel) => scan(input.root, rel));
    results.forEach((r, k) => {
      const rel = paths[c * CHUNK + k];
      if (r.error !== void 0) throw new ScanError(r.error, rel);
      inventory.noteRead(rel, r);
      out.push({ path: rel, binary: r.binary, hosts: r.hosts, ports: r.ports });
    });
  }
  return out;
}
function runWorker(script, input, store) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(script, { workerData: input });
    } catch {
      resolve();
      return;
    }
    worker.on("message", (m) => {
      if ("done" in m) resolve();
      else store(m.chunk, m.results);
    });
    worker.on("error", () => resolve());
    worker.on("exit", () => resolve());
  });
}

export {
  EXIT,
  UsageError,
  ConfigError,
  ScanError,
  exitCodeOf,
  describeError,
  readText,
  extensionOf,
  fileScanner,
  scanChunks,
  scanFiles
};
