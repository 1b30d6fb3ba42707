/** Real time and timers, injected so playback runs on a fake clock in tests and on real timers in the host and the report. */
export interface PlaybackScheduler {
  now(): number;
  /** Calls tick every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export interface PlaybackOptions {
  scheduler: PlaybackScheduler;
  /** Real milliseconds between ticks while playing. */
  tickMs: number;
  speed: number;
  endMs: number;
  /** Called after every change of t, playing or speed. */
  onChange: () => void;
}

/**
 * The playback position over a recorded run: virtual time advances by speed x real time while
 * playing, stops at the end, and can be moved anywhere. Shared by the extension host and the
 * standalone report so both replay at the same pace.
 *
 * @example
 * const clock = new PlaybackClock({ scheduler, tickMs: 100, speed: 60, endMs: 200_000, onChange: render });
 * clock.play(); // after 1 real second, clock.t === 60_000
 */
export class PlaybackClock {
  t = 0;
  playing = false;
  speed: number;
  endMs: number;
  private stop: (() => void) | undefined;
  private lastTick = 0;

  constructor(private readonly options: PlaybackOptions) {
    this.speed = options.speed;
    this.endMs = options.endMs;
  }

  play(): void {
    if (this.playing) return;
    // Play at the end means "play it again", as in any media player.
    if (this.t >= this.endMs) this.t = 0;
    this.playing = true;
    this.lastTick = this.options.scheduler.now();
    this.stop = this.options.scheduler.every(this.options.tickMs, () => this.tick());
    this.options.onChange();
  }

  pause(): void {
    if (!this.playing) return;
    this.halt();
    this.options.onChange();
  }

  seek(t: number): void {
    this.t = Math.min(Math.max(0, t), this.endMs);
    this.lastTick = this.options.scheduler.now();
    this.options.onChange();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.options.onChange();
  }

  /** A new run (re-simulated) may end at another time; t stays where the user was. */
  setEnd(endMs: number): void {
    this.endMs = endMs;
    this.t = Math.min(this.t, endMs);
  }

  dispose(): void {
    this.halt();
  }

  private tick(): void {
    const now = this.options.scheduler.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    this.t = Math.min(this.endMs, this.t + elapsed * this.speed);
    if (this.t >= this.endMs) this.halt();
    this.options.onChange();
  }

  private halt(): void {
    this.playing = false;
    this.stop?.();
    this.stop = undefined;
  }
}
