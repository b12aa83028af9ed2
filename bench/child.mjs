// Runs bench/child.ts in this process through tsx, so its peak RSS is the build's alone.
import { register } from 'tsx/esm/api';

register();
await import('./child.ts');
