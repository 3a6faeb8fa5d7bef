// ruff's S (flake8-bandit) rules over a tree, through ruff's WebAssembly build: walks the tree as
// `vigil check` does (*.py and *.pyw, symlinks not followed, __pycache__ and VCS dirs skipped),
// lints each file, and prints "files=N findings=M" (syntax errors are not counted as findings).
// Usage: node run_ruff_wasm.js PATH...
"use strict";
const fs = require("fs");
const path = require("path");
const ruff = require("@astral-sh/ruff-wasm-nodejs");

const SKIP = new Set([".git", ".hg", ".svn", "__pycache__", ".tox", ".nox", "node_modules"]);
const workspace = new ruff.Workspace({ lint: { select: ["S"] } }, ruff.PositionEncoding.Utf16);

let files = 0;
let findings = 0;
let errors = 0;

function lint(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    errors++;
    return;
  }
  files++;
  try {
    for (const diagnostic of workspace.check(text)) {
      if (diagnostic.code && diagnostic.code.startsWith("S")) findings++;
    }
  } catch (e) {
    errors++;
  }
}

function walk(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !fs.existsSync(path.join(full, "pyvenv.cfg"))) walk(full);
    } else if (entry.isFile() && /\.pyw?$/.test(entry.name)) {
      lint(full);
    }
  }
}

for (const root of process.argv.slice(2)) {
  if (fs.statSync(root).isDirectory()) walk(root);
  else lint(root);
}
console.log(`files=${files} findings=${findings} errors=${errors}`);
