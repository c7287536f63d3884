/** Teardown steps of a script that starts processes, run once, last registered first. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];
  private done: Promise<void> | undefined;
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (e) {
          console.error(`cleanup: ${(e as Error).message}`);
        }
      }
    })();
    return this.done;
  }
}
