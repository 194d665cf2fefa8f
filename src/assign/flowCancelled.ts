/** Thrown when the user leaves a multi-step flow (Escape); the command wrapper ends it quietly. */
export class FlowCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'FlowCancelled';
  }
}

/** By name: the assign feature is a bundle of its own, with its own copy of the class. */
export function isFlowCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'FlowCancelled';
}
