// Runs Electronegativity over a folder with its network look-ups answered "offline" at once, and
// prints one JSON object {issues, errors} on stdout for scripts/security-gate.ts.
// Its translation download (got 11) crashes newer Node when the request times out, and our CI
// machines reach no host but the package registries; the bundled English messages are complete.
// Usage: node electronegativity-offline.cjs <input dir> <electron version>
const Module = require('node:module');

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: network look-ups are disabled'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return originalLoad.call(this, request, parent, isMain);
};

const run = require('@doyensec/electronegativity/dist/runner.js');
const [input, electronVersion] = process.argv.slice(2);

// The runner logs progress through console.log; keep stdout for the JSON report.
console.log = (...args) => process.stderr.write(`${args.join(' ')}\n`);

run({
  input,
  output: null,
  isSarif: false,
  customScan: null,
  // This check downloads Electron's release list.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  severitySet: null,
  confidenceSet: null,
  isRelative: false,
  isVerbose: false,
  electronUpgrade: null,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
}).then(
  (report) => {
    process.stdout.write(JSON.stringify({ issues: report.issues, errors: report.errors }));
  },
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
