/**
 * Programs run in subprocesses. They are kept as source text here (not files beside the bundle) so
 * that dist/ stays one bundle; the import runners are written to a temporary directory per run.
 */

/**
 * Compiles every file named on stdin (a JSON list of repo-relative paths, cwd = repo root) in one
 * interpreter and prints one JSON object. compile() builds code objects in memory: nothing runs and
 * no bytecode is written. SyntaxWarnings are not failures.
 */
export const PY_COMPILE = String.raw`
import json, sys, warnings
warnings.simplefilter("ignore")
files = json.loads(sys.stdin.read())
out = {"executable": sys.executable, "version": "%d.%d.%d" % tuple(sys.version_info[:3]), "errors": [], "unreadable": []}
for rel in files:
    try:
        with open(rel, "rb") as f:
            src = f.read()
    except OSError as e:
        out["unreadable"].append({"path": rel, "message": "%s" % (e.strerror or e)})
        continue
    try:
        compile(src, rel, "exec", dont_inherit=True)
    except SyntaxError as e:
        out["errors"].append({
            "path": rel, "type": type(e).__name__, "message": "%s" % e.msg,
            "line": e.lineno or 1, "column": e.offset or 1,
            "endLine": getattr(e, "end_lineno", None), "endColumn": getattr(e, "end_offset", None),
        })
    except (ValueError, RecursionError, MemoryError, OverflowError) as e:
        out["errors"].append({"path": rel, "type": type(e).__name__, "message": "%s" % e, "line": 1, "column": 1, "endLine": None, "endColumn": None})
sys.stdout.write(json.dumps(out))
`;

/**
 * Imports one Python entrypoint with the network blocked and writes what happened to a JSON file.
 * argv: result file, "module" | "script", target, JSON list of extra sys.path directories.
 * Every way to resolve or connect raises, and the first attempt is remembered even if the code
 * swallows the exception. os._exit at the end: threads the import started must not keep it alive.
 */
export const PY_IMPORT = String.raw`
import json, os, socket, sys, traceback
_result_path, _kind, _target, _extra = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
_state = {"network": None}

class NetworkBlockedError(ConnectionRefusedError):
    pass

def _where(args):
    for a in args:
        if isinstance(a, socket.socket):
            continue
        if isinstance(a, tuple) and a:
            return ", ".join(repr(x) for x in a[:2])
        if isinstance(a, (str, bytes)):
            return repr(a)
    return ""

def _block(what):
    def blocked(*args, **kwargs):
        call = "%s(%s)" % (what, _where(args))
        if _state["network"] is None:
            _state["network"] = call
        raise NetworkBlockedError("paperguard blocks the network during the import smoke test: " + call)
    return blocked

socket.socket.connect = _block("socket.connect")
socket.socket.connect_ex = _block("socket.connect_ex")
socket.socket.sendto = _block("socket.sendto")
socket.create_connection = _block("socket.create_connection")
socket.getaddrinfo = _block("socket.getaddrinfo")
socket.gethostbyname = _block("socket.gethostbyname")
socket.gethostbyname_ex = _block("socket.gethostbyname_ex")
socket.gethostbyaddr = _block("socket.gethostbyaddr")

_root = os.getcwd()
# The import path a real start would have: the cwd for "python -m", the script's directory for
# "python path/to/script.py" (not the cwd), then the python_path directories like PYTHONPATH.
if sys.path and sys.path[0] == "":
    sys.path.pop(0)
_first = os.path.dirname(os.path.abspath(_target)) if _kind == "script" else _root
sys.path[0:0] = [_first] + [os.path.abspath(_d) for _d in _extra]
_res = {"ok": False}
try:
    if _kind == "module":
        import importlib
        importlib.import_module(_target)
    else:
        import runpy
        runpy.run_path(_target, run_name="__paperguard_smoke__")
    _res["ok"] = True
except BaseException as e:
    _res["type"] = type(e).__name__
    _res["exception"] = traceback.format_exception_only(type(e), e)[-1].strip()
    for fr in reversed(traceback.extract_tb(e.__traceback__)):
        if fr.filename.startswith("<"):
            continue
        fn = os.path.abspath(fr.filename)
        if fn.startswith(_root + os.sep) and "site-packages" not in fn:
            _res["frame"] = {"path": os.path.relpath(fn, _root).replace(os.sep, "/"), "line": fr.lineno}
            break
_res["network"] = _state["network"]
with open(_result_path, "w") as f:
    json.dump(_res, f)
try:
    sys.stdout.flush()
    sys.stderr.flush()
finally:
    os._exit(0)
`;

/**
 * Loaded with `node --import` before the entrypoint: every connect and DNS lookup throws, and the
 * first attempt is remembered on a global even if the code catches the error.
 */
export const NODE_PRELOAD = String.raw`
import dns from 'node:dns';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
const state = { network: null };
globalThis[Symbol.for('paperguard.importSmoke')] = state;
const where = (args) => {
  // net.connect passes its normalized arguments as one array.
  const a = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof a === 'string' || typeof a === 'number') return JSON.stringify(a) + (typeof args[1] === 'number' || typeof args[1] === 'string' ? ', ' + JSON.stringify(args[1]) : '');
  if (a && typeof a === 'object') return JSON.stringify({ host: a.host, port: a.port, path: a.path });
  return '';
};
const block = (what) => function blocked(...args) {
  const call = what + '(' + where(args) + ')';
  state.network ??= call;
  const err = new Error('paperguard blocks the network during the import smoke test: ' + call);
  err.code = 'EPAPERGUARDNETWORK';
  throw err;
};
net.Socket.prototype.connect = block('net.Socket.connect');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveSrv', 'resolveTxt']) {
  if (typeof dns[name] === 'function') dns[name] = block('dns.' + name);
  if (typeof dns.promises[name] === 'function') dns.promises[name] = block('dns.promises.' + name);
}
syncBuiltinESMExports();
`;

/**
 * Imports the entrypoint (argv: absolute path, result file) and writes what happened. Errors thrown
 * later by work the import scheduled (an unawaited connect) count too: a short grace period catches them.
 */
export const NODE_RUNNER = String.raw`
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [entry, resultFile] = process.argv.slice(2);
const state = globalThis[Symbol.for('paperguard.importSmoke')];
const res = { ok: false };
const describe = (e) => (e && typeof e === 'object' && 'message' in e ? (e.name || 'Error') + ': ' + String(e.message).split('\n')[0] : 'thrown: ' + String(e));
let late = null;
process.on('uncaughtException', (e) => { late ??= describe(e); });
process.on('unhandledRejection', (e) => { late ??= describe(e); });
try {
  await import(pathToFileURL(entry).href);
  await new Promise((r) => setTimeout(r, 200));
  if (late) res.exception = late;
  else res.ok = true;
} catch (e) {
  res.exception = describe(e);
}
res.network = state ? state.network : 'preload missing';
writeFileSync(resultFile, JSON.stringify(res));
process.exit(0);
`;
