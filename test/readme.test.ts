import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicies } from '../cli/policies.js';
import { policyExamplesMarkdown, policyTableMarkdown } from '../scenarios/policy-table.js';
import { ROOT } from './cli-process.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two-command quick start, and CI runs exactly its test command', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(/npm ci && npx raftsim explore/);
    expect(quickStart).toMatch(/npm ci && npm test/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
  });

  it('carries the library example exactly as the suite runs it', () => {
    const example = readFileSync(join(ROOT, 'examples/ci-property.test.ts'), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });

  it('has the policy table exactly as the protocol options render it, one row per option and nothing else', () => {
    expect(readme).toContain('\n\n' + policyTableMarkdown() + '\n\n');
    expect(readme.split('\n').filter((line) => line.startsWith('| policy |'))).toHaveLength(1);
  });

  it('the contract says, as the conformance summary does, that skipped tests are counted apart, not as passed', () => {
    const contract = readFileSync(join(ROOT, 'docs/contract.md'), 'utf8').replace(/\s+/g, ' ');
    expect(contract).not.toMatch(/count as passed/);
    expect(contract).toContain('counted apart in the summary, which gives the tests run, passed, failed and skipped');
  });

  it('lists one example of every policy on the --policy row, and each is a value the command line accepts', () => {
    const row = readme.split('\n').find((line) => line.startsWith('| `--policy NAME=VALUE` |'));
    expect(row).toContain(`: ${policyExamplesMarkdown()}; `);
    const examples = [...policyExamplesMarkdown().matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    expect(Object.keys(parsePolicies(examples).overrides)).toHaveLength(examples.length);
  });
});
