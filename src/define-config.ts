import type { UserConfig } from './config.ts';

/**
 * Identity helper that gives `site.config.ts` types and completion, as in Vite. It lives alone so that
 * `import { defineConfig } from 'handover'` loads nothing else.
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
