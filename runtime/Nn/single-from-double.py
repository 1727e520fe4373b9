#!/usr/bin/env python3
"""Writes Functional.Single.cs, the float twin of Functional.Double.cs: run after editing the double file."""
import os
import re

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
open(os.path.join(HERE, 'Functional.Single.cs'),'w').write(header+new)
