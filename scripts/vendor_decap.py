"""Copy Decap CMS's browser bundle from its pinned npm package into overrides/admin/vendor/.

    python scripts/vendor_decap.py 3.16.3

Runs `npm pack decap-cms@<version>` (one tarball, no dependencies installed), checks it against the
registry's published integrity, and copies the bundle the browser loads (`decap-cms.js`, the chunks it
loads on demand, its two WebAssembly files and the licence notices) with a manifest: version, tarball
integrity and the SHA-256 of every file. The site build then needs neither Node.js nor the network;
`tests/test_cms.py` checks the copied files against the manifest.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "overrides" / "admin" / "vendor"
# The licence text of the decap-cms repository (the npm package names MIT but ships no LICENSE file).
# What the browser may request: the entry script, its on-demand chunks, its WebAssembly, the notices.
KEEP = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]{20}\.wasm|decap-cms\.js\.LICENSE\.txt)$")
MIT = """Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def main(version: str) -> None:
    integrity = subprocess.run(["npm", "view", f"decap-cms@{version}", "dist.integrity"], check=True,
                               capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"decap-cms@{version}", "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        tarball = Path(tmp) / f"decap-cms-{version}.tgz"
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != integrity:
            sys.exit(f"integrity mismatch: registry {integrity}, tarball {digest}")
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        meta = json.loads((Path(tmp) / "package" / "package.json").read_text())
        shutil.rmtree(DEST, ignore_errors=True)
        DEST.mkdir(parents=True)
        files = {}
        for path in sorted((Path(tmp) / "package" / "dist").iterdir()):
            if KEEP.match(path.name):
                shutil.copyfile(path, DEST / path.name)
                files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    (DEST / "LICENSE").write_text(MIT)
    manifest = {"package": "decap-cms", "version": version, "license": meta["license"],
                "tarball": f"https://registry.npmjs.org/decap-cms/-/decap-cms-{version}.tgz",
                "integrity": integrity, "sha256": files}
    (DEST / "decap-cms.json").write_text(json.dumps(manifest, indent=2) + "\n")
    sys.stdout.write(f"decap-cms {version}: {len(files)} files in {DEST.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "3.16.3")
