#!/usr/bin/env python3
"""Writes Functional.Single.cs, the float twin of Functional.Double.cs: run after editing the double file.

With --check it writes nothing and exits 1 if the committed float file is not what the double file gives
(a test runs that, so the twins cannot drift apart).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
p=os.path.join(HERE, 'Functional.Double.cs')
s=open(p).read()
body=s[s.index('public static partial class Functional'):]
body=body.replace('double','float').replace('Math.Sqrt','MathF.Sqrt').replace('Math.Exp','MathF.Exp').replace('Math.Log','MathF.Log').replace('Math.Abs','MathF.Abs').replace('Math.Tanh','MathF.Tanh')
body='\n'.join(l for l in body.split('\n') if not l.strip().startswith('///'))
header='''namespace SharpGrad.Nn;

// The float versions of Functional.Double.cs, line for line (the generator differentiates concrete types only:
// it has no generic math), written by single-from-double.py. Each documents itself by its double twin.
'''
parts=body.split('    [Differentiable]\n')
new=parts[0]
for part in parts[1:]:
    m=re.search(r'public static (?:float|void) (\w+)\(([^)]*)\)', part)
    types=[]
    for a in m.group(2).split(','):
        a=re.sub(r'\[NoGrad\]\s*','',a.strip())
        types.append(a.rsplit(' ',1)[0].replace('float','double').replace('<','{').replace('>','}'))
    new+=f'    /// <inheritdoc cref="{m.group(1)}({", ".join(types)})"/>\n    [Differentiable]\n'+part
target=os.path.join(HERE, 'Functional.Single.cs')
if '--check' in sys.argv[1:]:
    if open(target).read() != header+new:
        sys.exit('runtime/Nn/Functional.Single.cs is not the float twin of Functional.Double.cs: run python3 runtime/Nn/single-from-double.py')
else:
    open(target,'w').write(header+new)
