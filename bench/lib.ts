/**
 * Imports a module of the compiled lib/ (what `handover` runs; `npm run bench` compiles it first), typed as its
 * source. Timing the TypeScript sources through tsx would measure tsx too: about twice as slow for a dev edit.
 */
export async function lib<Module>(file: string): Promise<Module> {
  return (await import(new URL(`../lib/${file}`, import.meta.url).href)) as Module;
}
