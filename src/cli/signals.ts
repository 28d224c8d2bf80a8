// What envdiff does when it is interrupted or cannot write its output, installed once by
// bin/envdiff.js before main() runs.
//   SIGINT (Ctrl-C), SIGTERM (CI cancelling a job), SIGHUP (a closed terminal): every process
//   group envdiff started is stopped (the probe bundle's trap removes its work dir, on the target
//   too), then exit 128 + the signal: 130, 143, 129, as shells report it.
//   A write error on stdout (a full disk: ENOSPC, EIO): one line, exit 2 — never a stack trace,
//   never exit 1, which would read as "drift". EPIPE (`envdiff compare … | head`) is the reader's
//   choice to stop reading: no message, and the exit code of the run.
import { stopAllProcesses } from '../core/run-process.js';
import { printable } from '../core/text.js';

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export function installProcessHandlers(): void {
  let stopping = false;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stopAllProcesses().finally(() => process.exit(code));
    });
  }
  for (const [name, stream] of [
    ['stdout', process.stdout],
    ['stderr', process.stderr],
  ] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (name === 'stdout') {
        try {
          process.stderr.write(
            `envdiff: cannot write the output to stdout: ${printable(err.code ?? err.message)} — check the disk or the file stdout goes to\n`,
          );
        } catch {
          /* stderr is gone too */
        }
      }
      process.exit(2);
    });
  }
}
