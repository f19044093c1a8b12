/** The fixed "now" of tests that do not care which day it is: 1 November 2026, 00:00 UTC. */
export const NOW = Date.UTC(2026, 10, 1);
export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;
