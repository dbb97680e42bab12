/**
 * The downstream response header list that header_filter plugins edit (kong.response.set_header /
 * add_header / clear_header): ordered, case-insensitive, repeated names allowed.
 */
export class ResponseHeaders {
  private readonly names: string[] = [];
  private readonly lower: string[] = [];
  private readonly values: string[] = [];

  add(name: string, value: string): void {
    this.names.push(name);
    this.lower.push(name.toLowerCase());
    this.values.push(value);
  }

  /** Replaces every occurrence (the first keeps its position). */
  set(name: string, value: string): void {
    const key = name.toLowerCase();
    const at = this.lower.indexOf(key);
    if (at === -1) {
      this.add(name, value);
      return;
    }
    this.values[at] = value;
    this.removeFrom(key, at + 1);
  }

  remove(name: string): void {
    this.removeFrom(name.toLowerCase(), 0);
  }

  private removeFrom(key: string, start: number): void {
    for (let i = this.lower.length - 1; i >= start; i--) {
      if (this.lower[i] === key) {
        this.names.splice(i, 1);
        this.lower.splice(i, 1);
        this.values.splice(i, 1);
      }
    }
  }

  get(name: string): string | undefined {
    const at = this.lower.indexOf(name.toLowerCase());
    return at === -1 ? undefined : this.values[at];
  }

  has(name: string): boolean {
    return this.lower.includes(name.toLowerCase());
  }

  /** All values of a header, in order. */
  all(name: string): string[] {
    const key = name.toLowerCase();
    return this.values.filter((_, i) => this.lower[i] === key);
  }

  /** `[name, value]` pairs, in order. */
  pairs(): [string, string][] {
    return this.names.map((n, i) => [n, this.values[i]!]);
  }

  /** `[name, value, name, value, …]` as `res.writeHead` accepts it. */
  flat(): string[] {
    const out: string[] = new Array(this.names.length * 2);
    for (let i = 0; i < this.names.length; i++) {
      out[2 * i] = this.names[i]!;
      out[2 * i + 1] = this.values[i]!;
    }
    return out;
  }
}
