import YAML from 'yaml';
import { arrayOf, checkArguments, string } from '../core/argument-checks.js';
import { SCENARIO } from './argument-rules.js';
import type { Scenario } from './scenario.js';
import { scenarioToDocument } from './schema.js';

/** A scenario as a YAML file: short lists of plain values on one line, everything else in block style. */
export function scenarioToYaml(scenario: Scenario, headerComment: readonly string[] = []): string {
  checkArguments('scenarioToYaml', ['scenario', scenario, SCENARIO], ['headerComment', headerComment, arrayOf(string(), 'an array of comment lines')]);
  const document = new YAML.Document(scenarioToDocument(scenario));
  YAML.visit(document, {
    Seq(_key, node) {
      if (node.items.every((item) => YAML.isScalar(item) || (YAML.isSeq(item) && item.items.every((inner) => YAML.isScalar(inner))))) {
        node.flow = true;
      }
    },
  });
  if (headerComment.length > 0) document.commentBefore = headerComment.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}
