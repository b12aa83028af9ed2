// Helper entry when running from src/ (tests, the benchmark): the parse code is TypeScript, so register tsx first.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
