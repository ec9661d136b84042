import json,sys,random
# judge.py <report> <after-report> <seed>: sample ≤30 blocking findings, propose a verdict
rep,after,seed=sys.argv[1],sys.argv[2],int(sys.argv[3])
d=json.load(open(rep)); root=d['repo']['root']
A={(x['path'],x['line'],x['column']):x for x in json.load(open(after))['gates'][0]['findings']}
errs=[x for x in d['gates'][0]['findings'] if x['severity']=='error' and not x.get('suppressed')]
sample=errs if len(errs)<=30 or len(sys.argv)>4 else sorted(random.Random(seed).sample(errs,30),key=lambda x:(x['path'],x['line']))
OVERRIDE={
 ('src/exchange/binance_futures.ts',376):('disagree','public combined market stream (initPublicWebsocketChunk)'),
 ('src/exchange/binance_futures.ts',468):('agree','listen-key user data stream: account and order updates'),
 ('crates/adapters/lighter/bin/trades_probe.rs',331):('disagree','debug probe of the trades endpoint (unclear: may be authenticated); counted against us'),
}
PUBLIC_USE=['/0/public/Time','exchangeInfo','symbols_details','/v2/public/symbols','/market/','/public/ws','/public`','api.huobi.pro/ws"']
for x in sample:
    line=open(root+'/'+x['path'],errors='replace').read().split('\n')[x['line']-1].strip()
    import re
    hostname=x['message'].split(': ',1)[0].split()[-1].split('://')[-1].split('/')[0].split(':')[0]
    urls=[u for u in re.findall(r'(?:(?:https?|wss?)://)?[a-zA-Z0-9.-]+\.[a-z]{2,}[^\s\'"`,)]*',line) if hostname.lower() in u.lower()]
    url=urls[0] if urls else hostname
    src=open(root+'/'+x['path'],errors='replace').read().split('\n')
    cfg=[i for i,l in enumerate(src) if l.strip()=='#[cfg(test)]']
    in_rs_test=x['path'].endswith('.rs') and cfg and x['line']-1>cfg[0]
    a=A.get((x['path'],x['line'],x['column']))
    why=''
    if 'candles_feed' in x['path'] or 'liquidations_feed' in x['path']: v,why='disagree','market-data-only module (candle/liquidation feed)'
    elif (x['path'],x['line']) in OVERRIDE: v,why=OVERRIDE[(x['path'],x['line'])]
    elif in_rs_test: v,why='disagree','not runtime: Rust #[cfg(test)] module'
    elif a and a['rule']=='live-endpoint-not-runtime': v,why='disagree','not runtime: '+a['message'].split(' in ',1)[1].split(':')[0] if ' in ' in a['message'] else 'not runtime'
    elif any(p in line for p in PUBLIC_USE) and '/private' not in line: v,why='disagree','public market-data endpoint/stream'
    else: v,why='agree','base URL/endpoint a trading client signs orders against' if 'private' not in line.lower() else 'private (order/account) endpoint or stream'
    print(f"| {x['path']}:{x['line']} | `{url[:70]}` | {v} | {why} |")
