/** Rewrites golden.json from the built CLI. Run it (npm run golden:rewrite) only when behaviour changes on purpose, and say why in the commit. */
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES } from './cases.js';
import { computeGolden, GOLDEN_FILE, goldenText } from './compute.js';

const results = await computeGolden(GOLDEN_CASES);
writeFileSync(GOLDEN_FILE, goldenText(results));
process.stdout.write(`wrote ${Object.keys(results).length} golden results to ${GOLDEN_FILE}\n`);
