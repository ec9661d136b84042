/**
 * The generic switches: the trading-mode variable and live flags, judged as a process would see
 * them in committed deployment config, and as defaults in code that reads them.
 */
import picomatch from 'picomatch';
import type { EnvAssignment } from '../../core/config-files.js';
import { shellWords } from '../../core/workflows.js';
import type { PaperModePolicy } from './policy.js';

const TRUE = /^(1|true|yes|on|t|y)$/i;
const FALSE = /^(0|false|no|off|f|n)$/i;

export function isTrue(v: string): boolean {
  return TRUE.test(v.trim());
}
export function isFalse(v: string): boolean {
  return FALSE.test(v.trim());
}

export type FlagKind = 'mode' | 'truthy' | 'falsy';

export class Flags {
  private readonly truthy: (n: string) => boolean;
  private readonly falsy: (n: string) => boolean;

  constructor(private readonly policy: PaperModePolicy) {
    this.truthy = picomatch(policy.live_flags.truthy.length ? policy.live_flags.truthy : ['\u0000'], { nocase: false });
    this.falsy = picomatch(policy.live_flags.falsy.length ? policy.live_flags.falsy : ['\u0000'], { nocase: false });
  }

  kind(name: string): FlagKind | null {
    if (name === this.policy.mode_variable) return 'mode';
    if (this.truthy(name)) return 'truthy';
    if (this.falsy(name)) return 'falsy';
    return null;
  }

  /** Why this value is live, or null when it is safe (or not a value we can judge). */
  liveReason(name: string, value: string): string | null {
    const kind = this.kind(name);
    if (kind === 'mode') return value === this.policy.paper_value ? null : `${name}=${JSON.stringify(value)} is not ${this.policy.paper_value}`;
    if (kind === 'truthy') return isTrue(value) ? `${name}=${value} switches live trading on` : null;
    if (kind === 'falsy') return isFalse(value) ? `${name}=${value} switches paper/dry-run/testnet off` : null;
    return null;
  }

  /** A default is safe when it is the paper value, false for a truthy flag, or true for a falsy one. */
  unsafeDefault(name: string, value: string | boolean | number | null): string | null {
    const kind = this.kind(name);
    const text = value === null ? '' : String(value);
    if (kind === 'mode') return text === this.policy.paper_value ? null : `defaults to ${JSON.stringify(value)}, not "${this.policy.paper_value}"`;
    if (kind === 'truthy') return value === true || (typeof value !== 'boolean' && isTrue(text)) ? `defaults to ${JSON.stringify(value)}: live unless set` : null;
    if (kind === 'falsy') return value === false || (typeof value !== 'boolean' && value !== null && isFalse(text)) ? `defaults to ${JSON.stringify(value)}: live unless set` : null;
    return null;
  }
}

/**
 * What a deployed process sees from a committed value. Compose and shells expand `${X:-default}`
 * to the default when X is unset; a bare `${X}` passes the deployer's value through, which the
 * repository does not decide (null: nothing committed to judge).
 */
export function deployedValue(raw: string): string | null {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([^}]*)\}$/.exec(raw.trim());
  if (m) return m[3] as string;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(raw.trim())) return null;
  return raw;
}

/** `web: TRADING_MODE=live python bot.py`: the `NAME=value` prefixes of each Procfile process. */
export function procfileAssignments(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^([A-Za-z0-9_-]+):\s*/.exec(raw);
    if (!m) return;
    let rest = raw.slice(m[0].length);
    let column = m[0].length + 1;
    if (rest.startsWith('env ')) { rest = rest.slice(4); column += 4; }
    for (const w of shellWords(rest)) {
      const a = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w);
      if (!a) break;
      const at = raw.indexOf(`${a[1]}=`, column - 1);
      out.push({ name: a[1] as string, value: a[2] as string, line: i + 1, column: at + (a[1] as string).length + 2 });
    }
  });
  return out;
}
