/**
 * Showing the progress of a model environment install: a cli-progress bar on a terminal (its
 * steps are the `[k/n]` lines of `prepareModelEnvironment`, npm's output the text beside it),
 * plain lines otherwise, so that logs and CI keep every line.
 */

/** An `onProgress` for `prepareModelEnvironment`, and `stop()` to call when it has settled. */
export interface EnvironmentProgress {
  onProgress(line: string): void;
  stop(): void;
}

const STEP = /^\[(\d+)\/(\d+)\]\s*(.*)$/;

/** Progress on `stream` (default stderr): a bar when it is a terminal, plain lines otherwise. */
export function environmentProgress(stream: NodeJS.WriteStream = process.stderr): EnvironmentProgress {
  if (!stream.isTTY) {
    return { onProgress: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  }
  // NB: loaded here: only a terminal shows a bar.
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ format: 'environment [{bar}] {value}/{total} | {text}', barsize: 20, stream, hideCursor: true, linewrap: false }, Presets.shades_classic);
  let started = false;
  let step = '';
  // NB: a line wider than the terminal wraps and breaks the redraw: keep the text to one line
  // (the format takes 45 columns with a one-digit step count).
  const fit = (text: string) => {
    const room = Math.max((stream.columns || 80) - 46, 20);
    return text.length > room ? `${text.slice(0, room - 1)}…` : text;
  };
  return {
    onProgress(line) {
      const match = STEP.exec(line);
      if (!match) {
        // NB: a line outside the steps (reuse, waiting, npm's output): a line of its own before the
        // bar starts, the text beside the current step once it runs.
        if (!started) stream.write(`${line}\n`);
        else bar.update({ text: fit(`${step} · ${line.trim()}`) });
        return;
      }
      const [, value, total, text] = match;
      step = text!;
      if (!started) bar.start(Number(total), Number(value), { text: fit(step) });
      else bar.update(Number(value), { text: fit(step) });
      started = true;
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
