/** Server time with an offset tests can move forward, so sessions expire without anyone waiting. */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError(`advanceClock: not a number of seconds: ${seconds}`);
    this.offsetMs += seconds * 1000;
  }

  /** How far the server clock runs ahead of real time, in seconds (shown on the control page). */
  get offsetSec(): number {
    return this.offsetMs / 1000;
  }
}
