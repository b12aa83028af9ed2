// V8 flags the CLI runs with (see bin/handover.js); the benchmark runs its builds with them too.
export const NODE_FLAGS = ['--max-semi-space-size=64'];
