import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMemoryRelease, type ExposedGc } from '../../../src/lib/server/memory-release';

afterEach(() => {
  vi.useRealTimers();
});

describe('the periodic memory release', () => {
  it('runs a last-resort major collection at every interval until stopped', () => {
    vi.useFakeTimers();
    const gc = vi.fn<ExposedGc>();
    const stop = startMemoryRelease(60_000, gc);
    vi.advanceTimersByTime(59_999);
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(gc).toHaveBeenCalledWith({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    vi.advanceTimersByTime(120_000);
    expect(gc).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(600_000);
    expect(gc).toHaveBeenCalledTimes(3);
  });

  it('does nothing when turned off (0) or when the process was started without --expose-gc', () => {
    vi.useFakeTimers();
    const gc = vi.fn<ExposedGc>();
    startMemoryRelease(0, gc);
    vi.advanceTimersByTime(3_600_000);
    expect(gc).not.toHaveBeenCalled();
    expect(() => startMemoryRelease(1000, undefined)()).not.toThrow();
  });
});
