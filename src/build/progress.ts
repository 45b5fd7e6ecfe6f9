/**
 * A one-line counter per build stage (`process 1200/4000`), redrawn in place on stderr when it is
 * a terminal; silent otherwise (pipes, CI logs, tests), so logs stay clean.
 */
export interface Progress {
  /** `done` of `total` items of `stage`; redraws at most every 100 ms, and always at the end. */
  tick(stage: string, done: number, total: number): void;
  /** A stage without a count (e.g. Eleventy rendering). */
  note(stage: string): void;
  /** Erases the counter line (before any other output to the same stream). */
  clear(): void;
}

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export const silentProgress: Progress = { tick() {}, note() {}, clear() {} };

export function createProgress(stream: Stream): Progress {
  if (!stream.isTTY) return silentProgress;
  let shown = false;
  let last = 0;
  const draw = (text: string) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[K${text.slice(0, width)}`);
    shown = true;
  };
  return {
    tick(stage, done, total) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      const pct = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
      draw(`${stage} ${done}/${total}${pct}`);
    },
    note(stage) {
      last = performance.now();
      draw(`${stage}…`);
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
