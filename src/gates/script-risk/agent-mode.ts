/**
 * No committed configuration may set AGENT_MODE=EXECUTE: as an environment assignment (.env,
 * Dockerfile ENV/ARG, compose/Kubernetes/workflow env) or as a key named AGENT_MODE anywhere in
 * YAML, JSON, TOML or INI. Structure, not text: a comment or a sentence that mentions it is nothing.
 */
import { envAssignments, readConfig, type ConfigFormat } from '../../core/config-files.js';

export interface AgentModeHit {
  line: number;
  column: number;
  /** How it was set, for the message and the fingerprint. */
  what: string;
}

const KEY = /^agent_mode$/i;
const EXECUTE = /^\s*execute\s*$/i;

/**
 * Cheap prefilter: a file that never spells the key cannot set it. JSON `\u` and YAML/TOML `\x`/`\u`
 * escapes could spell it in a quoted key, so files with escapes are parsed too.
 */
export function mayMentionAgentMode(text: string, format: ConfigFormat): boolean {
  if (/agent_mode/i.test(text)) return true;
  return format !== 'env' && format !== 'dockerfile' && /\\[uUx]/.test(text);
}

/** Throws ScanError (file and line) when the file does not parse. */
export function agentModeHits(file: string, text: string, format: ConfigFormat): AgentModeHit[] {
  const hits = new Map<string, AgentModeHit>();
  const add = (h: AgentModeHit) => hits.set(`${h.line}:${h.column}`, hits.get(`${h.line}:${h.column}`) ?? h);
  for (const a of envAssignments(file, text, format)) {
    if (KEY.test(a.name) && EXECUTE.test(a.value)) add({ line: a.line, column: a.column, what: `${a.name}=${a.value.trim()}` });
  }
  if (format !== 'env' && format !== 'dockerfile') {
    for (const e of readConfig(file, text, format)) {
      const key = e.path[e.path.length - 1];
      if (typeof key === 'string' && KEY.test(key) && typeof e.value === 'string' && EXECUTE.test(e.value)) {
        add({ line: e.line, column: e.column, what: `${key}: ${e.value.trim()}` });
      }
    }
  }
  return [...hits.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}
