/** The server's clock: an injectable time source plus an offset that tests can shift. */
export class Clock {
  private offset = 0;
  constructor(private readonly source: () => number) {}

  /** Server time in ms (integer). */
  now(): number {
    return Math.floor(this.source()) + this.offset;
  }

  /** Moves the server clock by `ms` (negative goes back). Returns the new total offset. */
  shift(ms: number): number {
    this.offset += ms;
    return this.offset;
  }

  get shiftMs(): number {
    return this.offset;
  }

  reset(): void {
    this.offset = 0;
  }
}
