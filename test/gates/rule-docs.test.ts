/** Every rule's helpUri lands on a heading of its gate's documentation page (gates documented one `###` section per rule). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocsUrl } from '../../src/core/docs.js';
import { GATES } from '../../src/gates/registry.js';
import { PROJECT_ROOT } from '../helpers/repo.js';

const ONE_SECTION_PER_RULE = ['hardcoded-values', 'config-bounds'];

describe.each(GATES.filter((g) => ONE_SECTION_PER_RULE.includes(g.id)).map((g) => [g.id, g] as const))('%s rule docs', (_id, gate) => {
  it('has a page with one `### rule-id` section per rule, and each helpUri points at it', () => {
    const page = readFileSync(path.join(PROJECT_ROOT, gate.docs), 'utf8');
    const headings = new Set([...page.matchAll(/^###\s+`?([a-z0-9-]+)`?\s*$/gm)].map((m) => m[1]));
    for (const rule of gate.rules) {
      expect(headings.has(rule.id), `${gate.docs} lacks ### ${rule.id}`).toBe(true);
      expect(rule.helpUri).toBe(ruleDocsUrl(gate.id, rule.id));
    }
  });
});
