// npm run test:e2e: build when needed, then the Playwright suite.
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './support/build';

buildIfNeeded();
const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
