/**
 * V8 keeps the pages its heaps free in one pool for the whole process (the server's heap and the search workers'),
 * and gives them back to the system only in a last-resort collection or its memory reducer, which never runs while
 * requests keep coming. So under steady traffic the RSS follows the highest heap the process ever reached, and every
 * new peak of the old space raises it for good (README, Benchmarks: "Soak, session 8"). A last-resort major
 * collection every `intervalMs` gives those pages back; it holds the event loop for ~20–100 ms (4–45 MB live).
 */

/** The collection Node exposes with `--expose-gc` (SERVER_NODE_FLAGS); absent without that flag. */
export type ExposedGc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Runs a last-resort collection every `intervalMs` (0: never). Does nothing when `gc` is absent (a server started
 * without `--expose-gc`). Returns a function that stops it.
 */
export function startMemoryRelease(intervalMs: number, gc: ExposedGc | undefined = (globalThis as { gc?: ExposedGc }).gc): () => void {
  if (intervalMs <= 0 || !gc) return () => {};
  const timer = setInterval(() => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' }), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
