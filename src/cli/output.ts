// CLI output discipline: with --json, stdout holds only the JSON document; progress and
// logs always go to stderr.
import cliProgress from 'cli-progress';

export function log(message: string): void {
  process.stderr.write(message + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A progress bar on stderr; silent when stderr is not a terminal except for phase lines. */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} {phase}`, stream: process.stderr, hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastPhase = '';
  return {
    update(done: number, total: number, phase = '') {
      if (!tty) {
        if (phase !== lastPhase) log(`${label}: ${phase}`);
        lastPhase = phase;
        return;
      }
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
