#!/usr/bin/env node
// Runs the local gateway's TypeScript entry (../src/main.ts) in this process through tsx's
// require hook, so `npx bazaar-gateway` needs no build step and signals reach the gateway directly.
require('tsx/cjs/api').register();
require('../src/main.ts');
