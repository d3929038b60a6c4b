// Runs the Electronegativity CLI with its network look-ups answered "offline" at once.
// Its translation download (got 11) crashes newer Node when the request times out, and our CI
// machines reach no host but the package registries; the bundled English messages are complete.
const Module = require('node:module');

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: network look-ups are disabled'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return originalLoad.call(this, request, parent, isMain);
};

require('@doyensec/electronegativity/dist/index.js');
