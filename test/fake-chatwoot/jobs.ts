// Stand-in for Chatwoot's background jobs (§1.2): activity messages, realtime events
// and bulk actions run through this queue. `immediate` runs a job before the HTTP
// response is written; `deferred` keeps it until POST /__fake/jobs/drain.

import type { JobMode } from './config';

interface Job {
  name: string;
  run: () => void;
}

export interface JobFailure {
  name: string;
  error: string;
}

export class JobQueue {
  private pending: Job[] = [];
  readonly failures: JobFailure[] = [];

  constructor(private readonly mode: () => JobMode) {}

  enqueue(name: string, run: () => void): void {
    const job = { name, run };
    if (this.mode() === 'immediate') this.execute(job);
    else this.pending.push(job);
  }

  /** Runs queued jobs, including jobs they enqueue, until none is left. */
  drain(): number {
    let ran = 0;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      for (const job of batch) {
        this.execute(job);
        ran += 1;
      }
    }
    return ran;
  }

  pendingNames(): string[] {
    return this.pending.map((j) => j.name);
  }

  clear(): void {
    this.pending = [];
    this.failures.length = 0;
  }

  /** A failing job is recorded, never propagated: like Sidekiq, the request already returned. */
  private execute(job: Job): void {
    try {
      job.run();
    } catch (error) {
      this.failures.push({ name: job.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
