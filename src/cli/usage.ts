/** What every command shares: the error for bad usage (exit 2). */

/** An error the user fixes by changing the command line (the CLI exits 2 and prints the message). */
export class UsageError extends Error {
  override name = 'UsageError';
}
