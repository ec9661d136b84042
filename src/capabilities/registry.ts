import type { PolicySectionOwner } from '../core/policy-schema.js';
import { SIGNED_TAG_CAPABILITY } from '../signed-tag/policy.js';
import { PROTECTION_CAPABILITY } from '../protection/policy.js';
import { BREAK_GLASS_CAPABILITY } from '../break-glass/policy.js';
import { EVIDENCE_CAPABILITY } from '../evidence/policy.js';

/**
 * Capabilities that are commands rather than gates (signed-tag, protection, evidence, break-glass)
 * but own a section of the one policy file. Listed here so that every command validates the whole
 * file the same way: a section unknown to one command would otherwise be an error in another.
 * A new capability is its command module plus one line here.
 */
export const CAPABILITIES: readonly PolicySectionOwner[] = [
  SIGNED_TAG_CAPABILITY,
  PROTECTION_CAPABILITY,
  EVIDENCE_CAPABILITY,
  BREAK_GLASS_CAPABILITY,
];
