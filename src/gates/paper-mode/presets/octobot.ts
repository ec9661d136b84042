/**
 * OctoBot: a profile's `trader.enabled` places real orders; `trader-simulator` is paper. A real
 * trader on sandboxed exchanges only is a testnet.
 */
import { readConfig } from '../../../core/config-files.js';
import { rule } from '../rules.js';
import type { Preset, PresetHit } from './types.js';

export const octobot: Preset = {
  id: 'octobot',
  rule: rule('preset-octobot-live', {
    title: 'OctoBot real trader enabled',
    description: 'An OctoBot profile or config with `trader.enabled: true` and an exchange that is not sandboxed.',
    defaultSeverity: 'error',
    help: 'Set `"trader": {"enabled": false}` and `"trader-simulator": {"enabled": true}`, or sandbox every enabled exchange.',
  }),
  config: {
    applies: (p) => /\.json$/i.test(p),
    mentions: /"trader-simulator"/,
    check(file) {
      const entries = readConfig(file.path, file.text, 'json');
      const out: PresetHit[] = [];
      for (const prefix of [[], ['config']] as string[][]) {
        const at = (p: (string | number)[]) => entries.find((e) => e.path.length === prefix.length + p.length && [...prefix, ...p].every((k, i) => e.path[i] === k));
        const trader = at(['trader', 'enabled']);
        if (!trader) continue;
        if (trader.value === false) continue;
        if (trader.value !== true) {
          out.push({ kind: 'review', line: trader.line, column: trader.column, matched: `trader.enabled ${String(trader.value)}`, message: `OctoBot trader.enabled is ${JSON.stringify(trader.value)}, not a boolean.` });
          continue;
        }
        const names = new Set(entries.filter((e) => e.path.length === prefix.length + 3 && e.path[prefix.length] === 'exchanges').map((e) => String(e.path[prefix.length + 1])));
        const live = [...names].filter((n) => at(['exchanges', n, 'enabled'])?.value !== false && at(['exchanges', n, 'sandboxed'])?.value !== true);
        if (names.size > 0 && live.length === 0) continue;
        out.push({
          kind: 'live', line: trader.line, column: trader.column, matched: 'trader.enabled true',
          message: `OctoBot trader.enabled is true${live.length ? ` with live exchange(s) ${live.join(', ')}` : ''}: the bot places real orders.`,
        });
      }
      return out;
    },
  },
};
