import type { Gate } from './types.js';
import { liveEndpointsGate } from './live-endpoints/index.js';
import { paperModeGate } from './paper-mode/index.js';

/** Every gate paperguard knows, in report order. A new gate is one folder plus one line here. */
export const GATES: readonly Gate[] = [liveEndpointsGate as Gate, paperModeGate as Gate];

export function gateById(id: string): Gate | undefined {
  return GATES.find((g) => g.id === id);
}
