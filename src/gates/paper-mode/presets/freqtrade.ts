/**
 * freqtrade: `dry_run` in the bot config decides (JSON with comments); `FREQTRADE__DRY_RUN` in the
 * environment beats the config. The `exchange.sandbox` switch was removed in 2023.8 and means nothing.
 */
import { readConfig } from '../../../core/config-files.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

/** Top-level keys only a freqtrade bot config has next to `exchange`. */
const BOT_KEYS = ['stake_currency', 'strategy', 'pairlists', 'entry_pricing', 'exit_pricing', 'max_open_trades', 'stake_amount'];

export const freqtrade: Preset = {
  id: 'freqtrade',
  rule: rule('preset-freqtrade-live', {
    title: 'freqtrade configured for live trading',
    description: 'A freqtrade bot config with `dry_run` false or missing, or `FREQTRADE__DRY_RUN=false` in committed config.',
    defaultSeverity: 'error',
    help: 'Set `"dry_run": true` in the config (and never `FREQTRADE__DRY_RUN=false`); go live only from reviewed deployment config.',
  }),
  config: {
    applies: (p) => /\.json[c5]?$/i.test(p) && !/(^|\/)(package(-lock)?|tsconfig|composer)\.json$/.test(p),
    mentions: /"exchange"\s*:/,
    check(file) {
      const entries = readConfig(file.path, file.text, 'jsonc');
      const top = new Set(entries.map((e) => e.path[0]).filter((k): k is string => typeof k === 'string'));
      const exchangeIsObject = entries.some((e) => e.path[0] === 'exchange' && e.path.length > 1);
      if (!exchangeIsObject || !BOT_KEYS.some((k) => top.has(k))) return [];
      const dry = entries.find((e) => e.path.length === 1 && e.path[0] === 'dry_run');
      const out: PresetHit[] = [];
      if (!dry) {
        const anchor = entries.find((e) => e.path[0] === 'exchange') ?? entries[0];
        out.push({
          kind: 'live', line: anchor?.line ?? 1, column: 1, matched: 'dry_run missing',
          message: 'freqtrade config without "dry_run": the key is required, and a partial config merged last can leave the bot live.',
        });
      } else if (dry.value === false) {
        out.push({ kind: 'live', line: dry.line, column: dry.column, matched: 'dry_run false', message: 'freqtrade config sets "dry_run": false: the bot trades live.' });
      } else if (dry.value !== true) {
        out.push({ kind: 'review', line: dry.line, column: dry.column, matched: `dry_run ${String(dry.value)}`, message: `freqtrade "dry_run" is ${JSON.stringify(dry.value)}, not the boolean true.` });
      }
      return out;
    },
  },
  env(a) {
    if (a.name.toUpperCase() !== 'FREQTRADE__DRY_RUN') return null;
    // freqtrade turns only t/true/f/false into booleans; anything else is not a dry-run switch we can read.
    if (/^(t|true)$/i.test(a.value.trim())) return null;
    const live = /^(f|false)$/i.test(a.value.trim());
    return {
      kind: live ? 'live' : 'review', line: a.line, column: a.column, matched: `${a.name}=${a.value}`,
      message: live ? `${a.name}=${a.value} overrides the config: freqtrade trades live.` : `${a.name}=${a.value} is not a value freqtrade reads as true.`,
    };
  },
};
