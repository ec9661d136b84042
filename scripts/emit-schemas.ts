/** Build-time entry: the policy schema as the engine uses it, for the published file. */
import { buildPolicySchema } from '../src/core/policy-schema.js';
import { CAPABILITIES } from '../src/capabilities/registry.js';
import { GATES } from '../src/gates/registry.js';

export const policySchema = buildPolicySchema(GATES, CAPABILITIES);
