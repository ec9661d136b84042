import json,sys
def load(f):
    d=json.load(open(f)); return {(x['path'],x['line'],x['column']):x for x in d['gates'][0]['findings']}, d['repo']['root']
a,root=load(sys.argv[1]); b,_=load(sys.argv[2])
for k,x in a.items():
    if x['severity']!='error': continue
    y=b.get(k)
    if y and y['severity']=='error': continue
    line=open(root+'/'+k[0],errors='replace').read().split('\n')[k[1]-1].strip()[:90]
    print(f"{k[0]}:{k[1]} -> {y['rule'] if y else 'GONE'} | {line} | {(y or {}).get('message','')[-110:]}")
print('--- still error')
for k,y in b.items():
    if y['severity']=='error':
        line=open(root+'/'+k[0],errors='replace').read().split('\n')[k[1]-1].strip()[:100]
        print(f"{k[0]}:{k[1]} | {line}")
