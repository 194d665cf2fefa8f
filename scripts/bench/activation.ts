/**
 * require + activate() of the shipped bundle against the eager one: each run in a fresh Node
 * process (no module cache, no JIT warm-up), alternating the two, median of the runs.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ActivationSample } from './activateChild';
import type { Bundles } from './build';
import { median } from './stats';

export interface ActivationFigures {
  runs: number;
  activateMs: number;
  eagerActivateMs: number;
  requireMs: number;
  eagerRequireMs: number;
  /** Bytes of the bundle directory that were loaded by require + activate (the API must not be among them). */
  loadedBytes: number;
  loadedFiles: string[];
  eagerLoadedBytes: number;
}

// Signed in to a server nothing listens on: activation must not send a request.
const URL = 'http://127.0.0.1:9';
const TOKEN = 'benchTokenbenchTokenbench';

function sample(dir: string): ActivationSample {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'activateChild.js'), dir, URL, TOKEN], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ActivationSample;
}

export function measureActivation(bundles: Bundles, runs: number): ActivationFigures {
  const lazy: ActivationSample[] = [];
  const eager: ActivationSample[] = [];
  sample(bundles.lazyDir); // warm the file system cache for both
  sample(bundles.eagerDir);
  for (let i = 0; i < runs; i++) {
    lazy.push(sample(bundles.lazyDir));
    eager.push(sample(bundles.eagerDir));
  }
  const bytes = (s: ActivationSample) => s.loaded.reduce((sum, f) => sum + f.bytes, 0);
  return {
    runs,
    activateMs: median(lazy.map((s) => s.totalMs)),
    eagerActivateMs: median(eager.map((s) => s.totalMs)),
    requireMs: median(lazy.map((s) => s.requireMs)),
    eagerRequireMs: median(eager.map((s) => s.requireMs)),
    loadedBytes: bytes(lazy[0]),
    loadedFiles: lazy[0].loaded.map((f) => f.file),
    eagerLoadedBytes: bytes(eager[0]),
  };
}
