#!/usr/bin/env node
// `npm run bench [-- --runbooks N]`: runs bench/run.ts through tsx, as bin/handover.js runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../bench/run.ts');
