// "Now" for labels such as "Hoy" and "Ayer", ticking once a minute. Never used for business rules:
// waiting times come from the core.

class Clock {
  now = $state(Math.floor(Date.now() / 1000));
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): () => void {
    if (!this.timer) this.timer = setInterval(() => (this.now = Math.floor(Date.now() / 1000)), 60_000);
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export const clock = new Clock();
