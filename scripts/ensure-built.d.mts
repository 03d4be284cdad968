/** Builds dist/server (tsc) and dist/web (vite) when missing or older than the sources. */
export function ensureBuilt(options?: { web?: boolean }): void;
