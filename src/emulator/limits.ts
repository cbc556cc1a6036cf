// The org's daily API allocation: every counted REST call uses one request; Composite and
// collection calls count as one. Reported in Sforce-Limit-Info and /limits.

export class ApiUsage {
  used = 0;

  constructor(public max: number) {}

  get exhausted(): boolean {
    return this.used >= this.max;
  }

  count(): void {
    this.used++;
  }

  header(): string {
    return `api-usage=${this.used}/${this.max}`;
  }
}
