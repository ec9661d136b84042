/**
 * Fixture builders on top of GitHub's own recorded examples from the OpenAPI description,
 * changed only in the fields a test is about.
 */
import { documentedExample } from './openapi.js';

export const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews';
export const MEMBERSHIP = '/orgs/{org}/teams/{team_slug}/memberships/{username}';
export const TEAM = '/orgs/{org}/teams/{team_slug}';

export const TOKEN = 'ghs_PaperguardTestToken0123456789abcdefXYZ';
export const HEAD = 'a'.repeat(40);
export const OLD = 'b'.repeat(40);

let nextId = 1000;

type State = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export function review(login: string | null, state: State, commitId: string = HEAD, minute = 0): Record<string, unknown> {
  const [base] = documentedExample('GET', REVIEWS, 200) as Record<string, unknown>[];
  const id = nextId++;
  const user = login === null ? null : { ...(base!['user'] as object), login, id, html_url: `https://github.com/${login}` };
  const r: Record<string, unknown> = {
    ...base,
    id,
    user,
    state,
    commit_id: commitId,
    html_url: `https://github.com/o/r/pull/7#pullrequestreview-${id}`,
    submitted_at: `2025-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
  };
  // A PENDING review has not been submitted; GitHub leaves submitted_at out.
  if (state === 'PENDING') delete r['submitted_at'];
  return r;
}

export function membership(state: 'active' | 'pending'): Record<string, unknown> {
  return { ...(documentedExample('GET', MEMBERSHIP, 200) as object), state };
}

export function team(org: string, slug: string): Record<string, unknown> {
  const base = documentedExample('GET', TEAM, 200) as Record<string, unknown>;
  return {
    ...base,
    slug,
    name: slug,
    // GitHub's example predates these required fields; real responses carry them.
    type: 'organization',
    organization: { ...(base['organization'] as object), login: org, archived_at: null },
  };
}

export const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
