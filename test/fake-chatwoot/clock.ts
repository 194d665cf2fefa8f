// Virtual clock (§4.1): starts at NOW0 and moves only when told to, so every
// timestamp the fake writes is deterministic. Mutating endpoints call tick() once per
// request before changing anything, giving consecutive mutations distinct times.

import { NOW0 } from './util/time';

export class Clock {
  private current: number;

  constructor(start: number = NOW0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  tick(): number {
    this.current += 1;
    return this.current;
  }

  set(value: number): void {
    this.current = value;
  }
}
