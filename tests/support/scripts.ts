// The portal's command-line scripts as the tests start them. vitest's globalSetup (./build.ts) bundles each once
// per run (esbuild: the same transform tsx applies to each file, here into one file with the packages left
// outside), and a test runs it with plain Node. Under tsx a script cost about 1 s of CPU to start, most of it
// resolving and loading some 170 modules through tsx's loader thread; the bundle starts in half that, and the
// suites start some 30 scripts. user-create.test.ts still runs the npm script itself (tsx on the source) once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT_DIR = path.join(ROOT, 'build/test-scripts');

export const TEST_SCRIPTS = [
  'user-create',
  'apikey-create',
  'db-backup',
  'db-restore',
  'db-copy',
  'db-backup-pg',
] as const;
export type TestScript = (typeof TEST_SCRIPTS)[number];

/** Node's arguments that run the script `name`; its own arguments follow. */
export function scriptArgs(name: TestScript): string[] {
  return [path.join(OUT_DIR, `${name}.mjs`)];
}

/** Bundles every script the tests start (about a second). */
export async function bundleScripts(): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: Object.fromEntries(
      TEST_SCRIPTS.map((name) => [name, path.join(ROOT, 'scripts', `${name}.ts`)]),
    ),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: ROOT,
    // tsconfig.json's paths: esbuild 0.17 takes every bare import for a package when packages are external
    alias: { '~': './app', '~db': './db', '~emails': './emails' },
    logLevel: 'warning',
  });
}
