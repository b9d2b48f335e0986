// The kill tests' hook: STRONGROOM_TEST_PAUSE_AFTER_STEP=<step> makes a rotation announce that step's end on stderr and wait there forever.

/** Only tests set the variable; unset, the rotation gets no hook at all. */
export function pauseAfterStepFromEnv(value: string | undefined): { afterStep?: (step: string) => Promise<void> } {
  if (!value) return {};
  return {
    afterStep: (step) => {
      if (step !== value) return Promise.resolve();
      process.stderr.write(`strongroom: paused after step ${step}\n`);
      // Keeps the process alive until the test kills it.
      setInterval(() => undefined, 60_000);
      return new Promise<void>(() => undefined);
    },
  };
}
