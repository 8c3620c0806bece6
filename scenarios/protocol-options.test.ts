import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load.js';
import { optionName, PROTOCOL_OPTION_DEFAULTS, PROTOCOL_OPTION_LIST } from './protocol-options.js';
import { DEFAULT_CLUSTER } from './scenario.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { scenarioForSeed } from './swarm.js';

describe('the protocol options table', () => {
  it('names each option after its field without the unit, and gives the cluster its defaults', () => {
    expect(PROTOCOL_OPTION_LIST.map((option) => optionName(option.field))).toEqual([
      'electionTimeout',
      'heartbeat',
      'maxEntriesPerAppend',
      'preVote',
      'checkQuorum',
      'leaseReads',
      'maxInflightAppends',
      'snapshotThreshold',
      'diskLatency',
      'integrity',
    ]);
    expect(DEFAULT_CLUSTER).toMatchObject(PROTOCOL_OPTION_DEFAULTS);
  });

  it('a file without the options gets every default, and a file is refused a count out of its row’s range', () => {
    const parsed = parseScenarioText('name: x\n', 'yaml', 'x.yaml');
    expect(parsed.ok && parsed.scenario.cluster).toMatchObject(PROTOCOL_OPTION_DEFAULTS);
    const refused = parseScenarioText('name: x\ncluster:\n  maxInflightAppends: 10001\n', 'yaml', 'x.yaml');
    expect(!refused.ok && refused.problem).toMatch(/^x\.yaml: cluster\.maxInflightAppends: .*10000/);
  });

  it('every swarm seed draws each option inside what a file accepts, and survives writing and reading back', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const scenario = scenarioForSeed(seed, { nodeCount: null, durationMs: 5_000, faults: 'swarm' });
      const parsed = scenarioFromDocument(JSON.parse(JSON.stringify(scenarioToDocument(scenario))));
      expect(parsed.ok, `seed ${seed}: ${parsed.ok ? '' : parsed.problem}`).toBe(true);
      if (parsed.ok) expect(parsed.scenario.cluster, `seed ${seed}`).toEqual(scenario.cluster);
    }
  });
});
