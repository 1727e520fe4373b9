#!/usr/bin/env python3
"""Mark one symbol-version requirement (default GLIBCXX_3.4.32) as WEAK in an ELF .so.

Why: TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and
records a requirement on version GLIBCXX_3.4.32, used only by the `.globl` reference to
std::ios_base_library_init() that GCC>=13's <iostream> emits (never called).  Debian 12's
libstdc++ (GCC 12) stops at GLIBCXX_3.4.30, so the loader refuses the library.  With the
requirement flagged VER_FLG_WEAK the loader accepts it; no code is changed.
Usage: weaken_verneed.py FILE [VERSION]   (edits FILE in place; idempotent)

SharpGrad's copy (from shared/tools) also keeps FILE's modification time: MSBuild copies a package's native
library again only when its size or time differs, so the project BenchmarkDotNet generates for each run,
which copies the same library into the same folder after this project's build, leaves the patched file alone.
"""
import os, struct, sys

path = sys.argv[1]
want = (sys.argv[2] if len(sys.argv) > 2 else "GLIBCXX_3.4.32").encode()
data = bytearray(open(path, "rb").read())
assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, "64-bit LE ELF only"
e_shoff, = struct.unpack_from("<Q", data, 0x28)
e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
secs = []
for i in range(e_shnum):
    off = e_shoff + i * e_shentsize
    name, typ, flags, addr, offset, size, link, info = struct.unpack_from("<IIQQQQII", data, off)
    secs.append((typ, offset, size, link, info))
patched = 0
for typ, offset, size, link, info in secs:
    if typ != 0x6FFFFFFE:  # SHT_GNU_verneed
        continue
    strtab_off = secs[link][1]
    def cstr(o):
        s = strtab_off + o
        return bytes(data[s:data.index(0, s)])
    p = offset
    for _ in range(info):  # number of Verneed entries
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, p)
        a = p + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, a)
            if cstr(vna_name) == want:
                struct.pack_into("<H", data, a + 4, vna_flags | 0x2)  # VER_FLG_WEAK
                patched += 1
            a += vna_next
            if vna_next == 0:
                break
        p += vn_next
        if vn_next == 0:
            break
if patched:
    times = os.stat(path)
    open(path, "wb").write(data)
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
print(f"{path}: {patched} requirement(s) on {want.decode()} marked weak")
