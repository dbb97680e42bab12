/** A clock integration tests can move forward, handed to the service as its `now` (expiry tests). */
export class MovableClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}
