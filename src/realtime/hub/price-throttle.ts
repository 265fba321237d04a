interface SymbolWindow {
  /** When the last price went out (epoch ms). */
  sentAt: number;
  /** The newest price waiting for the window to end, while a release is scheduled. */
  held?: unknown;
  timer?: NodeJS.Timeout;
}

/**
 * One connection's price throttle: at most one price per symbol per window, and the newest one
 * offered during a window goes out when it ends. While a release is scheduled every new price
 * only replaces the held one, even if the window has ended meanwhile (a late timer), so an older
 * value can never follow a newer one and two can never share a window.
 */
export class PriceThrottle {
  private readonly windows = new Map<string, SymbolWindow>();

  constructor(
    private readonly windowMs: number,
    private readonly emit: (data: unknown) => void,
  ) {}

  offer(symbol: string, data: unknown): void {
    let window = this.windows.get(symbol);
    if (!window) {
      window = { sentAt: Number.NEGATIVE_INFINITY };
      this.windows.set(symbol, window);
    }
    if (window.timer) {
      window.held = data;
      return;
    }
    const wait = window.sentAt + this.windowMs - Date.now();
    if (wait <= 0) {
      window.sentAt = Date.now();
      this.emit(data);
      return;
    }
    window.held = data;
    this.schedule(window, wait);
  }

  /** Drops the symbol's window and anything held for it (the channel was left). */
  forget(symbol: string): void {
    clearTimeout(this.windows.get(symbol)?.timer);
    this.windows.delete(symbol);
  }

  clear(): void {
    this.windows.forEach((w) => clearTimeout(w.timer));
    this.windows.clear();
  }

  private schedule(window: SymbolWindow, wait: number): void {
    window.timer = setTimeout(() => this.release(window), wait);
  }

  private release(window: SymbolWindow): void {
    // Timers run on the event loop's clock and may fire a millisecond before the wall clock
    // says the window is over: wait out the rest rather than send two in one window.
    const left = window.sentAt + this.windowMs - Date.now();
    if (left > 0) {
      this.schedule(window, left);
      return;
    }
    const data = window.held;
    window.timer = undefined;
    window.held = undefined;
    window.sentAt = Date.now();
    this.emit(data);
  }
}
