import { ruleFactory } from '../../core/docs.js';

export const GATE_ID = 'live-endpoints';

const rule = ruleFactory(GATE_ID);

export const RULES = {
  trading: rule('live-trading-endpoint', {
    title: 'Live trading endpoint',
    description: 'A URL or host that can place orders or reach an account on a live venue, in runtime code or config.',
    defaultSeverity: 'error',
    help: 'Use the venue\'s paper/sandbox endpoint and choose live only through reviewed deployment config; if this use is reviewed, add an allowlist entry.',
  }),
  marketData: rule('live-market-data-endpoint', {
    title: 'Live public market data',
    description: 'A live host or path that serves only public market data (candles, order books, tickers, public streams).',
    defaultSeverity: 'note',
    help: 'Public market data is safe for a paper system; nothing to do unless your policy says otherwise.',
  }),
  shared: rule('shared-endpoint', {
    title: 'Host shared by live and sandbox',
    description: 'A host the venue uses for both live and sandbox; the mode is chosen by something else (a header, an account).',
    defaultSeverity: 'note',
    help: 'Make sure the code selects the venue\'s demo/sandbox mode explicitly next to this host.',
  }),
  nonRuntime: rule('live-endpoint-not-runtime', {
    title: 'Live endpoint outside runtime code',
    description: 'A live trading endpoint in docs, tests or a comment: not executed by the service, reported for awareness.',
    defaultSeverity: 'note',
    help: 'Nothing blocks; prefer sandbox endpoints in examples and tests.',
  }),
  ibPort: rule('ib-live-port', {
    title: 'Interactive Brokers live port',
    description: 'A TWS/IB Gateway live port (7496, 4001) in a connect call or an IB port setting.',
    defaultSeverity: 'error',
    help: 'Use the paper ports (TWS 7497, IB Gateway 4002); choose live only through reviewed deployment config.',
  }),
  allowlistUnreviewed: rule('allowlist-change-unreviewed', {
    title: 'Allowlist change without security review',
    description: 'An allowlist entry was added or widened since the base ref, and no security reviewer approved the pull request.',
    defaultSeverity: 'error',
    help: 'Ask a member of security_reviewers to approve the pull request, then re-run the check.',
  }),
} as const;
