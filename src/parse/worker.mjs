// Worker entry: the parse code is TypeScript, so register tsx here as bin/handover.js does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
