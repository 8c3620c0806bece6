/**
 * The expectations of a scenario file: their written form, validation against the timeline (the labels
 * `after` names, the proposals a step's `as` names), and the translation both ways.
 */
import { z } from 'zod';
import { MESSAGE_CODE } from '../sim/index.js';
import { SIMULATION_CHECK_NAMES } from '../sim/checking/check-names.js';
import { clientSawFromDocument, clientSawSchema, clientSawToDocument } from './client-expectation-document.js';
import { duration, formatDuration, positiveDuration, rememberedName, stripUndefined } from '../sim/faults/document-fields.js';
import type { CommandRef, Expectation, IndexRef, ScenarioStep } from './scenario.js';
import { everyStep } from './timeline-document.js';

/** What messages-at-most may count: a message type, or an RPC's name for its requests. */
export const MESSAGE_KINDS: readonly string[] = [...Object.keys(MESSAGE_CODE), 'RequestVote', 'AppendEntries', 'InstallSnapshot', 'TimeoutNow'];

const indexRef = z.union([z.number().int().min(1), rememberedName]);
const command = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(200)]);

export const expectationSchema = z
  .object({
    'leader-within': positiveDuration.optional(),
    after: z.string().min(1).optional(),
    committed: z.object({ index: indexRef, by: duration }).strict().optional(),
    'no-commit-between': z.tuple([duration, duration]).optional(),
    'no-leader-change-between': z.tuple([duration, duration]).optional(),
    'term-below': z.number().int().min(1).optional(),
    'split-vote': z.literal(true).optional(),
    'split-votes-at-least': z.number().int().min(1).optional(),
    caught: z.enum(SIMULATION_CHECK_NAMES as [string, ...string[]], { error: `a check's name: ${SIMULATION_CHECK_NAMES.join(', ')}` }).optional(),
    'client-saw': clientSawSchema.optional(),
    applied: z
      .object({ command: command.optional(), proposal: rememberedName.optional(), by: z.number().int().min(1), within: positiveDuration, index: indexRef.optional() })
      .strict()
      .refine((value) => (value.command === undefined) !== (value.proposal === undefined), { message: 'give either command or proposal' })
      .optional(),
    'messages-at-most': z
      .object({
        kind: z.enum(MESSAGE_KINDS as [string, ...string[]], { error: `a message type or RPC: ${MESSAGE_KINDS.join(', ')}` }).optional(),
        between: z.tuple([duration, duration]),
        count: z.number().int().min(0),
      })
      .strict()
      .optional(),
    'no-leader-at': duration.optional(),
  })
  .strict();

const EXPECTATION_KEYS = [
  'leader-within',
  'committed',
  'no-commit-between',
  'no-leader-change-between',
  'term-below',
  'split-vote',
  'split-votes-at-least',
  'caught',
  'applied',
  'messages-at-most',
  'no-leader-at',
  'client-saw',
] as const;
type ExpectationKey = (typeof EXPECTATION_KEYS)[number];

type ExpectationDocument = z.output<typeof expectationSchema>;

export type ExpectationsParse = { readonly ok: true; readonly expectations: Expectation[] } | { readonly ok: false; readonly problem: string };

/** The expectations of a validated document, checked against the timeline's labels, nodes and proposals. */
/** clients: whether the scenario has key-value clients, whose history client-saw needs. */
export function expectationsFromDocument(entries: readonly ExpectationDocument[], timeline: readonly ScenarioStep[], nodes: number, clients: boolean): ExpectationsParse {
  const labels = new Set(timeline.map((step) => step.label).filter((label) => label !== undefined));
  const proposals = new Set(everyStep(timeline).flatMap(([, step]) => (step.action.type === 'propose' && step.as !== undefined ? [step.as] : [])));
  const expectations: Expectation[] = [];
  for (const [index, entry] of entries.entries()) {
    const present = EXPECTATION_KEYS.filter((key) => entry[key] !== undefined);
    if (present.length !== 1) {
      return { ok: false, problem: `expect[${index}]: expected exactly one of ${EXPECTATION_KEYS.join(', ')}, found ${present.length === 0 ? 'none' : present.join(', ')}` };
    }
    const key = present[0]!;
    if (entry.after !== undefined && !labels.has(entry.after)) return { ok: false, problem: `expect[${index}].after: no timeline step is labelled "${entry.after}"` };
    const problem = entryProblem(entry, key, proposals, nodes, clients);
    if (problem !== null) return { ok: false, problem: `expect[${index}].${problem}` };
    expectations.push(stripUndefined({ ...expectationFromDocument(entry, key), after: entry.after }) as Expectation);
  }
  return { ok: true, expectations };
}

function entryProblem(entry: ExpectationDocument, key: ExpectationKey, proposals: ReadonlySet<string>, nodes: number, clients: boolean): string | null {
  const unknownProposal = (place: string, name: unknown) =>
    typeof name === 'string' && !proposals.has(name) ? `${place}: no propose step remembers "${name}" (give one as: ${name})` : null;
  const backwards = (place: string, window: readonly [number, number]) => (window[0] > window[1] ? `${place}: the window [${window.map(formatDuration).join(', ')}] runs backwards` : null);
  switch (key) {
    case 'committed':
      return unknownProposal('committed.index', entry.committed!.index);
    case 'applied': {
      const applied = entry.applied!;
      if (applied.by > nodes) return `applied.by: the cluster has ${nodes} nodes`;
      return unknownProposal('applied.proposal', applied.proposal) ?? unknownProposal('applied.index', applied.index);
    }
    case 'messages-at-most':
      return backwards('messages-at-most.between', entry['messages-at-most']!.between);
    case 'no-commit-between':
    case 'no-leader-change-between':
      return backwards(key, entry[key]!);
    case 'client-saw': {
      if (!clients) return 'client-saw: what clients saw needs the key-value clients: give workload: { kind: kv }';
      const between = entry['client-saw']!.between;
      return between === undefined ? null : backwards('client-saw.between', between);
    }
    default:
      return null;
  }
}

const toIndexRef = (index: number | string): IndexRef => (typeof index === 'number' ? index : { proposal: index });
const indexToDocument = (index: IndexRef): number | string => (typeof index === 'number' ? index : index.proposal);

function expectationFromDocument(entry: ExpectationDocument, key: ExpectationKey): Expectation {
  switch (key) {
    case 'leader-within':
      return { type: 'leader-within', withinMs: entry['leader-within']! };
    case 'committed':
      return { type: 'committed', index: toIndexRef(entry.committed!.index), byMs: entry.committed!.by };
    case 'no-commit-between':
      return { type: 'no-commit-between', fromMs: entry['no-commit-between']![0], toMs: entry['no-commit-between']![1] };
    case 'no-leader-change-between':
      return { type: 'no-leader-change-between', fromMs: entry['no-leader-change-between']![0], toMs: entry['no-leader-change-between']![1] };
    case 'term-below':
      return { type: 'term-below', term: entry['term-below']! };
    case 'split-vote':
      return { type: 'split-vote' };
    case 'split-votes-at-least':
      return { type: 'split-votes-at-least', count: entry['split-votes-at-least']! };
    case 'caught':
      return { type: 'caught', checker: entry.caught! };
    case 'applied': {
      const applied = entry.applied!;
      const command: CommandRef = applied.proposal !== undefined ? { proposal: applied.proposal } : { command: String(applied.command) };
      return stripUndefined({ type: 'applied', command, by: applied.by, withinMs: applied.within, index: applied.index === undefined ? undefined : toIndexRef(applied.index) }) as Expectation;
    }
    case 'messages-at-most': {
      const messages = entry['messages-at-most']!;
      return stripUndefined({ type: 'messages-at-most', kind: messages.kind, fromMs: messages.between[0], toMs: messages.between[1], count: messages.count }) as Expectation;
    }
    case 'no-leader-at':
      return { type: 'no-leader-at', atMs: entry['no-leader-at']! };
    case 'client-saw':
      return { type: 'client-saw', ...clientSawFromDocument(entry['client-saw']!) };
  }
}

export function expectationToDocument(expectation: Expectation): Record<string, unknown> {
  return { ...expectationBodyToDocument(expectation), ...(expectation.after === undefined ? {} : { after: expectation.after }) };
}

function expectationBodyToDocument(expectation: Expectation): Record<string, unknown> {
  const window = (fromMs: number, toMs: number) => [formatDuration(fromMs), formatDuration(toMs)];
  switch (expectation.type) {
    case 'leader-within':
      return { 'leader-within': formatDuration(expectation.withinMs) };
    case 'committed':
      return { committed: { index: indexToDocument(expectation.index), by: formatDuration(expectation.byMs) } };
    case 'no-commit-between':
      return { 'no-commit-between': window(expectation.fromMs, expectation.toMs) };
    case 'no-leader-change-between':
      return { 'no-leader-change-between': window(expectation.fromMs, expectation.toMs) };
    case 'term-below':
      return { 'term-below': expectation.term };
    case 'split-vote':
      return { 'split-vote': true };
    case 'split-votes-at-least':
      return { 'split-votes-at-least': expectation.count };
    case 'caught':
      return { caught: expectation.checker };
    case 'applied':
      return {
        applied: stripUndefined({
          ...('proposal' in expectation.command ? { proposal: expectation.command.proposal } : { command: expectation.command.command }),
          by: expectation.by,
          within: formatDuration(expectation.withinMs),
          index: expectation.index === undefined ? undefined : indexToDocument(expectation.index),
        }),
      };
    case 'messages-at-most':
      return { 'messages-at-most': stripUndefined({ kind: expectation.kind, between: window(expectation.fromMs, expectation.toMs), count: expectation.count }) };
    case 'no-leader-at':
      return { 'no-leader-at': formatDuration(expectation.atMs) };
    case 'client-saw': {
      const { type: _type, after: _after, ...pattern } = expectation;
      return { 'client-saw': clientSawToDocument(pattern) };
    }
  }
}
