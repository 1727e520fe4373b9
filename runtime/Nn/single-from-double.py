#!/usr/bin/env python3
"""Writes the float twins of the double sources of SharpGrad.Nn: Functional.Single.cs from Functional.Double.cs, and
Float32/*.cs (namespace SharpGrad.Nn.Float32) from Float64/*.cs. Run it after editing a double file.

The generator differentiates concrete types only (it has no generic math), so each layer exists twice; writing
one from the other keeps them line for line the same. With --check it writes nothing and exits 1 if a committed
float file is not what its double file gives (a test runs that, so the twins cannot drift apart).
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
LITERAL = re.compile(r'(?<![\w.])(\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)(?![\w.])')


def layer_twin(text):
    """The float version of a Float64/*.cs file: types, namespace and real literals (Math stays: initialization computes in double, as PyTorch)."""
    out = []
    for line in text.split('\n'):
        line = line.replace('Float64', 'Float32').replace('double', 'float')
        if not line.strip().startswith('///') and not line.strip().startswith('//'):
            line = LITERAL.sub(lambda m: m.group(1) + 'f', line)
        out.append(line)
    return '// Written by single-from-double.py from its Float64 twin: edit that file, not this one.\n' + '\n'.join(out)


targets = {os.path.join(HERE, 'Functional.Single.cs'): header + new}
for name in sorted(os.listdir(os.path.join(HERE, 'Float64'))):
    if name.endswith('.cs'):
        with open(os.path.join(HERE, 'Float64', name)) as source:
            targets[os.path.join(HERE, 'Float32', name)] = layer_twin(source.read())

stale = [t for t, text in targets.items() if not os.path.exists(t) or open(t).read() != text]
# A float file whose double source is gone (renamed or split) is stale too: --check reports it, a run deletes it.
orphans = [os.path.join(HERE, 'Float32', n) for n in sorted(os.listdir(os.path.join(HERE, 'Float32')))
           if n.endswith('.cs') and os.path.join(HERE, 'Float32', n) not in targets] if os.path.isdir(os.path.join(HERE, 'Float32')) else []
if '--check' in sys.argv[1:]:
    stale += orphans
    if stale:
        sys.exit(', '.join(os.path.relpath(t, os.path.dirname(os.path.dirname(HERE))) for t in stale)
                 + ' not the float twin of the double source: run python3 runtime/Nn/single-from-double.py')
else:
    os.makedirs(os.path.join(HERE, 'Float32'), exist_ok=True)
    for t in stale:
        with open(t, 'w') as f:
            f.write(targets[t])
    for t in orphans:
        os.remove(t)
