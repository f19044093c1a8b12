// npm run reputation -- recalc: rebuild every reputation counter from the points ledger, with progress, then the rank
//   bands from the scores and every member's counts of public posts from the posts; reports differences.
// npm run reputation -- jobs: run the periodic reputation work once (serial voting, probations, member of the month).
import { recountMemberPosts } from '../src/lib/community/member-post-counts';
import { loadConfig } from '../src/lib/server/config';
import { runReputationJobs } from '../src/lib/reputation/jobs';
import { recalcScores, recountRankBands } from '../src/lib/reputation/recalc';
import { openMigrated } from './support/database';
import { progressBar } from './support/progress';

const command = process.argv[2];
const db = openMigrated(loadConfig());
if (command === 'recalc') {
  let bar: ReturnType<typeof progressBar> | null = null;
  const report = recalcScores(db, (done, total) => {
    bar ??= progressBar('Recalculating', total);
    bar.update(done);
  });
  (bar as ReturnType<typeof progressBar> | null)?.stop();
  console.log(`Rebuilt ${report.scores.toLocaleString('en')} scores from ${report.ledgerRows.toLocaleString('en')} ledger rows in ${(report.ms / 1000).toFixed(1)} s.`);
  if (report.differences === 0) console.log('Every live counter equalled the ledger.');
  else {
    console.log(`${report.differences} counters differed from the ledger and were repaired, for example:`);
    for (const e of report.examples) console.log(`  member ${e.userId}, ${e.scope}: live ${e.live}, ledger ${e.ledger}`);
  }
  const bands = recountRankBands(db);
  console.log(bands.differences === 0 ? `Every rank band (${bands.bands}) equalled the scores.` : `${bands.differences} rank bands differed from the scores and were repaired.`);
  const posts = recountMemberPosts(db);
  console.log(`Recounted the public posts of ${posts.members.toLocaleString('en')} members.`);
  if (posts.differences === 0) console.log('Every live count of posts equalled the recount.');
  else {
    console.log(`${posts.differences} members' counts of posts (questions, answers, accepted) differed and were repaired, for example:`);
    for (const e of posts.examples) console.log(`  member ${e.userId}: live ${e.live.join(', ')}, recount ${e.recount.join(', ')}`);
  }
  if (posts.acceptedFlags > 0) console.log(`${posts.acceptedFlags} answers' accepted flags differed from the acceptances and were repaired.`);
} else if (command === 'jobs') {
  console.log(JSON.stringify(runReputationJobs(db, Date.now()), null, 2));
} else {
  console.error('usage: npm run reputation -- recalc | jobs');
  process.exitCode = 64;
}
db.$client.close();
