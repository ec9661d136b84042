/** `break-glass audit`: open follow-up issues past their due time, each named. */
import type { GitHubClient } from '../core/github.js';
import { listIssuesByLabel, type RepoRef } from '../core/github-evidence.js';
import { readMarker } from './follow-up.js';

export interface AuditResult {
  open: number;
  overdue: string[];
  unreadable: string[];
}

export async function auditFollowUps(client: GitHubClient, repo: RepoRef, label: string, now: Date): Promise<AuditResult> {
  const issues = await listIssuesByLabel(client, repo, label, 'open');
  const overdue: string[] = [];
  const unreadable: string[] = [];
  for (const issue of issues) {
    const marker = readMarker(issue.body);
    if (!marker) {
      // Fail closed: a labelled issue whose due time cannot be read could be overdue.
      unreadable.push(`#${issue.number} ${issue.title}: labelled ${label} but has no readable paperguard due marker ${issue.url}`.trim());
      continue;
    }
    if (Date.parse(marker.due) < now.getTime()) {
      const hours = Math.floor((now.getTime() - Date.parse(marker.due)) / 3_600_000);
      overdue.push(`#${issue.number} ${marker.incident} (PR #${marker.pr}): due ${marker.due}, overdue by ${hours} h ${issue.url}`.trim());
    }
  }
  return { open: issues.length, overdue, unreadable };
}
