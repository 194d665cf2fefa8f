// Everything one fake instance knows: data, clock, queues, event log, switches.
// Routes and the engine receive the World instead of reaching for globals, so several
// fakes can run in one test process.

import { Clock } from './clock';
import { defaultConfig, type ConfigBaseline, type FakeConfig } from './config';
import { EventLog } from './events';
import { JobQueue } from './jobs';
import { Throttle } from './pipeline/ratelimit';
import { buildStore } from './seed';
import type { LargeOptions } from './seed/large';
import type { Store } from './store';

export interface WorldBaseline extends ConfigBaseline {
  large: LargeOptions | null;
}

export class World {
  store: Store;
  clock = new Clock();
  config: FakeConfig;
  throttle = new Throttle();
  readonly events = new EventLog();
  readonly jobs: JobQueue;
  /** The `large` option currently seeded (reset without `large` keeps the start option). */
  large: LargeOptions | null;

  constructor(private readonly baseline: WorldBaseline) {
    this.large = baseline.large;
    this.store = buildStore(this.large);
    this.store.now = () => this.clock.now();
    this.config = defaultConfig(baseline);
    this.jobs = new JobQueue(() => this.config.jobs);
  }

  /**
   * Reseeds and restores clock, queues, events, presence, throttle and switches.
   * `large`: undefined → the start option; null → no Scale Test account.
   */
  reset(large?: LargeOptions | null): void {
    this.large = large === undefined ? this.baseline.large : large;
    this.store = buildStore(this.large);
    this.store.now = () => this.clock.now();
    this.clock = new Clock();
    this.config = defaultConfig(this.baseline);
    this.throttle = new Throttle();
    this.events.clear();
    this.jobs.clear();
  }
}
