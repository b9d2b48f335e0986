// Ends the CLI once its output has reached the pipe or terminal, never before (a pipe takes output asynchronously).

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  // Writes complete in order, so the callback of an empty write comes after every earlier one.
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * Sets the exit code, waits for stdout and stderr to drain, then ends the process, so that an idle
 * keep-alive socket or a timer cannot keep a finished command alive. Calling process.exit right
 * away instead would cut piped output at 64 KiB.
 */
export async function exitAfterOutput(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}
