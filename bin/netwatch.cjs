#!/usr/bin/env node
// The `netwatch` command: runs the bundled CLI that `npm install` (prepare) built.
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error(
    'netwatch: not built yet; run `npm install` (or `npm run build`) in ' + path.dirname(__dirname),
  );
  process.exit(2);
}
require(cli);
