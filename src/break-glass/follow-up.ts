/**
 * The follow-up issue of an override, and the marker in its body that `break-glass audit` reads:
 * an HTML comment with the incident, the PR and the due time, invisible in the rendered issue.
 */
import type { OverrideRecord } from './record.js';

const MARKER = /<!-- paperguard:break-glass (\{[^\n]*?\}) -->/;

export interface FollowUpMarker {
  incident: string;
  pr: number;
  due: string;
}

export function followUpIssue(record: OverrideRecord, evidenceUrl: string | null): { title: string; body: string; labels: string[] } {
  const marker: FollowUpMarker = { incident: record.incident_id, pr: record.pull_request.number, due: record.follow_up.due_at };
  const body = [
    `<!-- paperguard:break-glass ${JSON.stringify(marker)} -->`,
    `Break-glass override **${record.incident_id}** merged PR #${record.pull_request.number} (head \`${record.pull_request.head_sha}\`) past: ${record.checks_bypassed.map((c) => `\`${c.replace(/`/g, "'")}\``).join(', ')}.`,
    '',
    `**Due:** ${record.follow_up.due_at} (paperguard break-glass audit fails after that while this issue is open)`,
    `**Approved by:** ${record.approvers.map((a) => `@${a.login}`).join(', ')} · **dispatched by:** @${record.actor}`,
    `**Evidence:** ${evidenceUrl ?? 'not uploaded'}`,
    '',
    '- [ ] Restore the bypassed gates (they pass again on main)',
    '- [ ] Root cause written up',
    '- [ ] Logs of the incident attached',
    '',
    '<details><summary>Justification and rollback plan</summary>',
    '',
    '```text',
    fence(record.justification),
    '```',
    '',
    '```text',
    fence(record.rollback_plan),
    '```',
    '</details>',
  ].join('\n');
  return { title: `Break-glass follow-up: ${record.incident_id} (PR #${record.pull_request.number})`, body, labels: [record.follow_up.label] };
}

/** Free text inside a code fence cannot close it early. */
function fence(text: string): string {
  return text.replace(/`{3,}/g, (m) => m.replace(/`/g, "'"));
}

export function readMarker(body: string): FollowUpMarker | null {
  const m = MARKER.exec(body);
  if (!m) return null;
  try {
    const v = JSON.parse(m[1]!) as Partial<FollowUpMarker>;
    if (typeof v.incident !== 'string' || typeof v.pr !== 'number' || typeof v.due !== 'string' || Number.isNaN(Date.parse(v.due))) return null;
    return { incident: v.incident, pr: v.pr, due: v.due };
  } catch {
    return null;
  }
}
