/**
 * The dissertation's model of split votes (Ongaro, "Consensus: Bridging theory and practice", 2014,
 * chapter 9). Times are fractions of the election timeout range, as there: `l` is the one-way latency
 * divided by the range's width.
 *
 * §9.2, fixed latency: the first of `s` available servers to time out gets the vote of every server
 * that has not timed out within `l` of it, so the vote splits when at least c = s - ⌊n/2⌋ + 1 of them
 * time out within `l`: Pr(D_{c,s} ≤ l) = Σ_{k=c-1}^{s} C(s,k) l^k (1-l)^{s-k}.
 *
 * §9.3: election terms are memoryless, so their number is geometric with mean 1 / (1 - p), and with
 * timeouts drawn from [1, 2] and the crash uniform in a heartbeat interval of half a timeout,
 * E[E_s] = 1/(1-p) · (1 + 1/(s+1) + E[L]) + E[L] + E[W] - 1/4.
 */

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** The number of the `available` servers that must time out within l of each other to split the vote. */
export function splitVoteThreshold(nodeCount: number, available: number): number {
  return available - Math.floor(nodeCount / 2) + 1;
}

/** §9.2's Pr(D_{c,s} ≤ l): the probability that the first election term splits, with fixed latency. */
export function predictedSplitVoteRate(nodeCount: number, available: number, latencyFraction: number): number {
  if (latencyFraction >= 1) return 1;
  const c = splitVoteThreshold(nodeCount, available);
  let sum = 0;
  for (let k = Math.max(0, c - 1); k <= available; k++) sum += binomial(available, k) * latencyFraction ** k * (1 - latencyFraction) ** (available - k);
  return Math.min(1, sum);
}

/**
 * §9.3's expected election time in ms, from the crash to the new leader, for timeouts drawn from
 * [minMs, minMs + widthMs] and a heartbeat interval of half the minimum: the dissertation's formula
 * with its baseline timeout (1) as minMs and its range (1) as widthMs; no disk time. It counts the
 * timeout from the last heartbeat's sending, not its arrival.
 */
export function predictedElectionMs(splitVoteRate: number, available: number, minMs: number, widthMs: number, meanLatencyMs: number): number | null {
  if (splitVoteRate >= 1) return null;
  return (1 / (1 - splitVoteRate)) * (minMs + widthMs / (available + 1) + meanLatencyMs) + meanLatencyMs - minMs / 4;
}

/** A split-vote rate the dissertation states in words, for one cluster and latency. */
export interface PublishedSplitVoteRate {
  readonly nodeCount: number;
  readonly available: number;
  /** The latency as a fraction of the timeout range: one value when fixed, [min, max] when uniform. */
  readonly latencyFraction: readonly [number, number];
  readonly rate: number;
  /** The dissertation's words, and where they are. */
  readonly says: string;
}

/** Every rate §9.2 states; nothing else is quoted. */
export const PUBLISHED_SPLIT_VOTE_RATES: readonly PublishedSplitVoteRate[] = [
  { nodeCount: 5, available: 4, latencyFraction: [0.01, 0.01], rate: 0.0006, says: '§9.2: "about 0.06%" (100 ms range, 1 ms latency)' },
  { nodeCount: 5, available: 4, latencyFraction: [0.1, 0.1], rate: 0.052, says: '§9.2: "about 5.2%" (100 ms range, 10 ms latency)' },
  { nodeCount: 5, available: 4, latencyFraction: [0.2, 0.2], rate: 0.181, says: '§9.2: "about 18.1%" (100 ms range, 20 ms latency)' },
  { nodeCount: 5, available: 3, latencyFraction: [0.2, 0.2], rate: 0.5, says: '§9.2, figure of split votes with fixed latency: "about half" (l = 0.2, two failures)' },
  { nodeCount: 9, available: 7, latencyFraction: [0.2, 0.2], rate: 0.15, says: '§9.2: "about 15%" (l = 0.2, two failures)' },
  { nodeCount: 9, available: 5, latencyFraction: [0.2, 0.2], rate: 0.7, says: '§9.2: "nearly 70%" (l = 0.2, four failures)' },
  { nodeCount: 9, available: 6, latencyFraction: [0.2, 0.2], rate: 0.35, says: '§9.2: "about 35%" (l = 0.2, six available)' },
  { nodeCount: 7, available: 6, latencyFraction: [0.2, 0.2], rate: 0.1, says: '§9.2: "about 10%" (l = 0.2, six available)' },
  { nodeCount: 9, available: 5, latencyFraction: [0.1, 0.1], rate: 0.4, says: '§9.2: "40%" (l = 0.1, four failures)' },
  { nodeCount: 5, available: 4, latencyFraction: [0.1, 0.2], rate: 0.16, says: '§9.2, figure of split votes with variable latency: "about 16%" (latency uniform in 0.1–0.2)' },
  { nodeCount: 5, available: 3, latencyFraction: [0.1, 0.2], rate: 0.4, says: '§9.2, same figure: "nearly 40%" (latency uniform in 0.1–0.2, two failures)' },
];

const SAME = 1e-9;

export function publishedSplitVoteRate(nodeCount: number, available: number, latencyFraction: readonly [number, number]): PublishedSplitVoteRate | null {
  return (
    PUBLISHED_SPLIT_VOTE_RATES.find(
      (published) =>
        published.nodeCount === nodeCount &&
        published.available === available &&
        Math.abs(published.latencyFraction[0] - latencyFraction[0]) < SAME &&
        Math.abs(published.latencyFraction[1] - latencyFraction[1]) < SAME,
    ) ?? null
  );
}
