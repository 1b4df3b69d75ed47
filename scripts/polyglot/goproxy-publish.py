"""Publish a Go module directory into a file-based module proxy (GOPROXY=file://...), in the layout the go
command reads: <module>/@v/list, <version>.info, <version>.mod and <version>.zip (files under module@version/).

usage: goproxy-publish.py <module dir> <module path> <version> <proxy dir>
"""
import json
import os
import sys
import zipfile

src, module, version, proxy = sys.argv[1:5]
with open(os.path.join(src, 'go.mod'), encoding='utf-8') as f:
    gomod = f.read()
if f'module {module}\n' not in gomod:
    sys.exit(f'{src}/go.mod is not module {module}')
# The go command escapes upper-case letters in module paths; ours have none.
if module != module.lower():
    sys.exit(f'{module}: upper-case module paths are not supported here')
out = os.path.join(proxy, module, '@v')
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(os.path.join(out, f'{version}.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src).replace(os.sep, '/')
            z.write(path, f'{module}@{version}/{rel}')
with open(os.path.join(out, f'{version}.mod'), 'w', encoding='utf-8') as f:
    f.write(gomod)
with open(os.path.join(out, f'{version}.info'), 'w', encoding='utf-8') as f:
    json.dump({'Version': version, 'Time': '2024-01-01T00:00:00Z'}, f)
versions = set()
if os.path.exists(os.path.join(out, 'list')):
    with open(os.path.join(out, 'list'), encoding='utf-8') as f:
        versions = {line.strip() for line in f if line.strip()}
versions.add(version)
with open(os.path.join(out, 'list'), 'w', encoding='utf-8') as f:
    f.write(''.join(f'{v}\n' for v in sorted(versions)))
print(f'goproxy: {module}@{version} -> {out}')
