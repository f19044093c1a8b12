import { readFileSync } from 'node:fs';
import { transform } from '@astrojs/compiler-rs';
import { describe, expect, it } from 'vitest';
import { LEADERBOARD_PAGE_SCOPE, MEMBER_OF_THE_MONTH_SCOPE } from '../../../src/components/reputation/leaderboard-html';
import { MEMBER_PAGE_SCOPE, REPUTATION_PANEL_SCOPE } from '../../../src/components/reputation/profile-html';

/** The scope Astro's compiler gives a component's styles, as the build compiles it (from the file's path in the project). */
function astroScope(path: string): string {
  return transform(readFileSync(path, 'utf8'), { filename: path, normalizedFilename: `/${path}` }).scope;
}

describe('scope attributes of the pages written as HTML strings', () => {
  it('are those Astro gives the components whose styles they keep', () => {
    expect(MEMBER_PAGE_SCOPE).toBe(astroScope('src/pages/[locale]/members/[id].astro'));
    expect(REPUTATION_PANEL_SCOPE).toBe(astroScope('src/components/reputation/ReputationPanel.astro'));
    expect(LEADERBOARD_PAGE_SCOPE).toBe(astroScope('src/pages/[locale]/leaderboards.astro'));
    expect(MEMBER_OF_THE_MONTH_SCOPE).toBe(astroScope('src/components/reputation/MemberOfTheMonth.astro'));
  });
});
