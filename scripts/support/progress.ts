import cliProgress from 'cli-progress';

/** A progress bar on a terminal, periodic lines otherwise (CI logs). */
export function progressBar(label: string, total: number) {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} · {eta_formatted} left`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
  }
  let lastPct = -1;
  return {
    update(n: number) {
      const pct = total ? Math.floor((n / total) * 10) * 10 : 100;
      if (pct !== lastPct) {
        lastPct = pct;
        console.log(`${label}: ${pct}% (${n}/${total})`);
      }
    },
    stop() {},
  };
}
