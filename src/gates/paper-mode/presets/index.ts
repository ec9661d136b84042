import type { PresetId } from '../policy.js';
import { alpacaJs, alpacaPy, alpacaTradeApi } from './alpaca.js';
import { ccxt } from './ccxt.js';
import { freqtrade } from './freqtrade.js';
import { hummingbot } from './hummingbot.js';
import { nautilus } from './nautilus.js';
import { octobot } from './octobot.js';
import type { Preset } from './types.js';
import { ib, oanda, pybit, pythonBinance } from './venues.js';

export const PRESETS: Record<PresetId, Preset> = {
  freqtrade,
  'alpaca-py': alpacaPy,
  'alpaca-trade-api': alpacaTradeApi,
  'alpaca-js': alpacaJs,
  ccxt,
  'python-binance': pythonBinance,
  pybit,
  ib,
  oanda,
  nautilus,
  octobot,
  hummingbot,
};
