#!/usr/bin/env node
'use strict';
// `npx mission-control`: the terminal client and the stdio MCP server (server/src/cli).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  console.error('mission-control: the CLI is not built yet; run "npm run build" (or "npm run build -w shared -w server") first.');
  process.exit(1);
}
const { runCli, exitQuietlyOnClosedPipe } = require(cli);
exitQuietlyOnClosedPipe();
runCli(process.argv.slice(2))
  .then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
