// Progress: a one-line spinner on stderr while probing — only on a terminal, never in --json or piped output.
import type { ProgressEvent } from '../probe/probe.js';
import type { CliIo } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

export interface Progress {
  update(event: ProgressEvent): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

export function createProgress(io: CliIo, enabled: boolean): Progress {
  if (!enabled || !io.stderr.isTTY || io.env.CI) return silent;
  let label = 'starting';
  let frame = 0;
  const draw = (): void => {
    frame = (frame + 1) % FRAMES.length;
    io.stderr.write(`\r\x1b[K${FRAMES[frame] ?? ''} ${label}…`);
  };
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  return {
    update(event) {
      label = event.label;
      draw();
    },
    stop() {
      clearInterval(timer);
      io.stderr.write('\r\x1b[K');
    },
  };
}
