import { checksumProblem } from '../core/variants.js';
import type { NodeRules } from '../core/variants.js';

/** Checks a message's checksum but not its MAC: whoever seals a message again may claim any sender. */
export function trustSenderField(): Partial<NodeRules> {
  return { sealProblem: (message) => checksumProblem(message) };
}
