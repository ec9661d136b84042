import json,sys,collections
for f in sys.argv[1:]:
    d=json.load(open(f)); g=d['gates'][0]
    fs=g.get('findings',[])
    err=[x for x in fs if x['severity']=='error' and not x.get('suppressed')]
    byrule=collections.Counter(x['rule'] for x in err)
    notes=collections.Counter(x['rule'] for x in fs if x['severity']=='note')
    print(f, 'files', d['inventory']['files'], 'skipped', d['inventory']['skipped'], 'scanned', g['stats']['filesScanned'], 'status', g['status'])
    print('  blocking', len(err), dict(byrule), ' notes', dict(notes))
