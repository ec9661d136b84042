/**
 * Required checks on the tagged commit. A check run passes when completed with success, neutral or
 * skipped; a commit status only when success. A name that is both must pass as both; a name with
 * neither has not run, which is not green.
 */
export interface RequiredCheck {
  context: string;
  /** GitHub App id the check must come from (rulesets integration_id, classic app_id). */
  appId?: number | null;
}

export interface CheckRunInfo {
  name: string;
  status: string;
  conclusion: string | null;
  appId: number | null;
  url: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
}

export interface StatusInfo {
  context: string;
  state: string;
  url: string | null;
  updatedAt?: string | null;
}

export interface CheckVerdict {
  context: string;
  green: boolean;
  why: string;
  runs: CheckRunInfo[];
  statuses: StatusInfo[];
}

const PASSING = new Set(['success', 'neutral', 'skipped']);

export function judgeChecks(required: RequiredCheck[], runs: CheckRunInfo[], statuses: StatusInfo[]): CheckVerdict[] {
  const seen = new Map<string, RequiredCheck>();
  for (const r of required) if (!seen.has(r.context) || r.appId) seen.set(r.context, r);
  return [...seen.values()].map((req) => {
    const myRuns = runs.filter((r) => r.name === req.context && (req.appId == null || r.appId === req.appId));
    const mine = statuses.filter((s) => s.context === req.context);
    const problems: string[] = [];
    for (const r of myRuns) {
      if (r.status !== 'completed') problems.push(`check run is ${r.status}`);
      else if (!PASSING.has(r.conclusion ?? '')) problems.push(`check run concluded ${r.conclusion ?? 'without a conclusion'}`);
    }
    for (const s of mine) if (s.state !== 'success') problems.push(`status is ${s.state}`);
    if (myRuns.length === 0 && mine.length === 0) {
      problems.push(req.appId != null ? `no check run from app ${req.appId} and no status` : 'no check run and no status');
    }
    return {
      context: req.context,
      green: problems.length === 0,
      why: problems.length ? problems.join('; ') : 'passed',
      runs: myRuns,
      statuses: mine,
    };
  });
}
