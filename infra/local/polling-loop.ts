/** The start/stop life of the local cloud's pollers: one loop per poller, ended by `stop()`. */
export abstract class PollingLoop {
  #running = false;
  #loop: Promise<void> | undefined;

  protected get running(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.#loop = this.run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }

  /** Polls while `running`; returns once it is false. */
  protected abstract run(): Promise<void>;
}
