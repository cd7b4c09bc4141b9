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
    io.stderr.write(`\r\x1b[K${FRAMES[frame] ?? ''} ${fit(label, io.stderr.columns)}…`);
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

/**
 * The label cut to the terminal's width: a line that wraps leaves its first part behind, since "\r" and the clear
 * reach back only to the start of the last terminal line.
 */
function fit(label: string, columns: number | undefined): string {
  // The frame, a space and the ellipsis take three columns.
  const room = columns !== undefined && columns > 0 ? columns - 3 : Infinity;
  return label.length <= room ? label : `${label.slice(0, Math.max(0, room - 1))}…`;
}
