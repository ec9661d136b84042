import type { ReviewOracle } from '../gates/types.js';

export const NO_REVIEW_CONTEXT =
  'no pull request context: run in a pull_request workflow with github-token to honour security reviews';

/**
 * Local runs: nobody can have reviewed an uncommitted change, so the answer is no, and says why.
 * Kept apart from the API client so the CLI does not load Octokit to say no.
 */
export class NoReviewContextOracle implements ReviewOracle {
  readonly source = NO_REVIEW_CONTEXT;
  securityReviewApproved(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
