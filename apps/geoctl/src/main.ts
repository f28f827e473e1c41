#!/usr/bin/env node
import { runGeoctl } from './run-geoctl.js';

const status = await runGeoctl(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTerminal: process.stdout.isTTY === true,
});

// Setting the status instead of calling exit lets stdout drain when it is a pipe.
process.exitCode = status;
