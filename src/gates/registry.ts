import type { Gate } from './types.js';
import { importSmokeGate } from './import-smoke/index.js';
import { liveEndpointsGate } from './live-endpoints/index.js';
import { paperModeGate } from './paper-mode/index.js';
import { scriptRiskGate } from './script-risk/index.js';
import { hardcodedValuesGate } from './hardcoded-values/index.js';
import { configBoundsGate } from './config-bounds/index.js';

/** Every gate paperguard knows, in report order (A, B, C, D). A new gate is one folder plus one line here. */
export const GATES: readonly Gate[] = [importSmokeGate as Gate, scriptRiskGate as Gate, paperModeGate as Gate, liveEndpointsGate as Gate, hardcodedValuesGate as Gate, configBoundsGate as Gate];

export function gateById(id: string): Gate | undefined {
  return GATES.find((g) => g.id === id);
}
