import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinCommand, splitCommand } from './command-words.js';

function words(line: string): readonly string[] {
  const split = splitCommand(line);
  if (!split.ok) throw new Error(split.problem);
  return split.words;
}

describe('splitCommand splits as a POSIX shell splits a simple command', () => {
  it.each([
    ['python3 examples/python/minimal_raft.py', ['python3', 'examples/python/minimal_raft.py']],
    ['  node   serve.mjs\tx.js ', ['node', 'serve.mjs', 'x.js']],
    [`node 'my node.js' "other one.js"`, ['node', 'my node.js', 'other one.js']],
    [`a 'it'\\''s' "say \\"hi\\"" back\\ slash`, ['a', "it's", 'say "hi"', 'back slash']],
    [`a "x\\y" 'x\\y'`, ['a', 'x\\y', 'x\\y']],
    [`a '' ""`, ['a', '', '']],
    ['a b#c d~e --flag=1', ['a', 'b#c', 'd~e', '--flag=1']],
  ])('%s', (line, expected) => {
    expect(words(line)).toEqual(expected);
  });

  it.each([
    ['node a.js | tee log', /pipe/],
    ['node a.js > out', /redirection/],
    ['node a.js; rm x', /second command/],
    ['node $HOME/a.js', /variable/],
    ['node "$HOME/a.js"', /variable/],
    ['node *.js', /glob/],
    ['node ~/a.js', /home folder/],
    ['node a.js # note', /comment/],
    ['node `which x`', /command substitution/],
    [`node 'a.js`, /unterminated ' quote/],
    [`node "a.js`, /unterminated " quote/],
    ['node a.js \\', /backslash at the end/],
    ['   ', /no program/],
  ])('refuses %s, naming what it found', (line, problem) => {
    const split = splitCommand(line);
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.problem).toMatch(problem);
  });

  it('joinCommand quotes any words so that splitCommand gives them back', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (given) => {
        expect(words(joinCommand(given))).toEqual(given);
      }),
    );
  });
});
