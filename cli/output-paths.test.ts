import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './arguments.js';
import { claimStandardOutput, fileIdentity, PATH_FLAGS, refuseInputsInFolder, refuseSameFiles, requirePathValues, scenarioFile, textOutput } from './output-paths.js';
import type { Output } from './terminal.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-output-paths-'));
const input = join(workspace, 'run.jsonl');
writeFileSync(input, 'the input\n');

describe('requirePathValues: every path flag has one value that is not empty', () => {
  it('accepts what is absent or named, "-" included', () => {
    expect(requirePathValues({ _: ['run'], trace: 'run.jsonl', report: '-' })).toBe(true);
    expect(requirePathValues({ _: ['run'] })).toBe(true);
  });

  it('refuses an empty or blank value, naming the flag, for every path flag', () => {
    for (const flag of PATH_FLAGS) {
      expect(() => requirePathValues({ _: ['run'], [flag]: '' })).toThrow(`--${flag} needs a value, got an empty one`);
      expect(() => requirePathValues({ _: ['run'], [flag]: '  ' })).toThrow(UsageError);
      expect(() => requirePathValues({ _: ['run'], [flag]: true })).toThrow(`--${flag} needs a value`);
    }
  });

  it('refuses a flag given twice, whose values would be joined into one name', () => {
    expect(() => requirePathValues({ _: ['run'], trace: ['a.jsonl', 'b.jsonl'] })).toThrow('--trace was given 2 times; give it once');
  });

  it('refuses an empty file argument, naming the command', () => {
    expect(() => requirePathValues({ _: ['report'], file: '' })).toThrow('report needs the name of a file to read');
  });
});

describe('refuseSameFiles: no output overwrites an input or another output', () => {
  it('refuses an output that is an input, by path, through a symlink and through a hard link', () => {
    const link = join(workspace, 'link.jsonl');
    const hard = join(workspace, 'hard.jsonl');
    symlinkSync(input, link);
    linkSync(input, hard);
    for (const output of [input, join(workspace, '.', 'run.jsonl'), link, hard]) {
      expect(() => refuseSameFiles([{ label: '--html', path: output }], [{ label: 'the trace file', path: input }])).toThrow(
        `--html ${output} would overwrite the trace file ${input}: choose another file`,
      );
    }
  });

  it('refuses two outputs that are one file, whether it exists yet or not', () => {
    const fresh = join(workspace, 'fresh.jsonl');
    expect(() => refuseSameFiles([{ label: '--trace', path: fresh }, { label: '--report', path: fresh }], [])).toThrow(
      `--trace ${fresh} and --report ${fresh} are the same file: give each output its own`,
    );
    // A folder reached through a symlink is the same folder.
    const real = join(workspace, 'real-folder');
    mkdirSync(real);
    symlinkSync(real, join(workspace, 'linked-folder'));
    expect(() => refuseSameFiles([{ label: '--trace', path: join(real, 'x') }, { label: '--report', path: join(workspace, 'linked-folder', 'x') }], [])).toThrow(UsageError);
    // A dangling symlink names the file it would create.
    symlinkSync('will-exist.jsonl', join(workspace, 'dangling.jsonl'));
    expect(() => refuseSameFiles([{ label: '--trace', path: join(workspace, 'dangling.jsonl') }, { label: '--report', path: join(workspace, 'will-exist.jsonl') }], [])).toThrow(UsageError);
  });

  it('accepts distinct files, absent flags, devices twice and standard output', () => {
    expect(() =>
      refuseSameFiles(
        [
          { label: '--trace', path: join(workspace, 'a.jsonl') },
          { label: '--report', path: join(workspace, 'a.html') },
          { label: '--stats', path: undefined },
        ],
        [{ label: 'the trace file', path: input }, { label: '--impl', path: undefined }],
      ),
    ).not.toThrow();
    expect(() => refuseSameFiles([{ label: '--trace', path: '/dev/null' }, { label: '--report', path: '/dev/null' }], [])).not.toThrow();
    expect(fileIdentity('-')).toBeNull();
  });

  it('reads a named scenario as no file, and anything else as one', () => {
    expect(scenarioFile('split-vote')).toBeUndefined();
    expect(scenarioFile('my/split.yaml')).toBe('my/split.yaml');
    expect(scenarioFile(undefined)).toBeUndefined();
  });
});

describe('refuseInputsInFolder', () => {
  const names = /^seed-\d+\.(jsonl|html|yaml)$/;

  it('refuses an input in the folder under a name the command writes, or linked from one', () => {
    const folder = join(workspace, 'failures');
    mkdirSync(folder);
    const scenario = join(folder, 'seed-3.yaml');
    writeFileSync(scenario, 'name: x\n');
    expect(() => refuseInputsInFolder(folder, '--out', names, [{ label: '--scenario', path: scenario }])).toThrow(
      `--out ${folder} holds seed-3.yaml, which is --scenario ${scenario}, and could write over it: choose another folder`,
    );
    const elsewhere = join(workspace, 'mine.yaml');
    writeFileSync(elsewhere, 'name: y\n');
    symlinkSync(elsewhere, join(folder, 'seed-4.yaml'));
    expect(() => refuseInputsInFolder(folder, '--out', names, [{ label: '--scenario', path: elsewhere }])).toThrow('holds seed-4.yaml');
  });

  it('accepts an input in the folder under another name, and a folder that does not exist yet', () => {
    const folder = join(workspace, 'kept');
    mkdirSync(folder);
    const scenario = join(folder, 'my-scenario.yaml');
    writeFileSync(scenario, 'name: x\n');
    expect(() => refuseInputsInFolder(folder, '--out', names, [{ label: '--scenario', path: scenario }])).not.toThrow();
    expect(() => refuseInputsInFolder(join(workspace, 'absent'), '--out', names, [{ label: '--scenario', path: scenario }])).not.toThrow();
  });
});

describe('claimStandardOutput: one thing at a time on standard output', () => {
  it('lets one output have it, and moves the text to stderr', () => {
    expect(claimStandardOutput([{ label: '--trace', path: '-' }, { label: '--report', path: 'r.html' }], null)).toBe(true);
    expect(claimStandardOutput([{ label: '--trace', path: 't.jsonl' }], '--json')).toBe(false);
  });

  it('refuses two outputs there, or an output and --json', () => {
    expect(() => claimStandardOutput([{ label: '--trace', path: '-' }, { label: '--report', path: '/dev/stdout' }], null)).toThrow(
      '--trace - and --report /dev/stdout would both go to standard output: send one of them to a file',
    );
    expect(() => claimStandardOutput([{ label: '--trace', path: '-' }], '--json')).toThrow('--trace - and --json would both go to standard output');
  });

  it('textOutput sends the text to stderr only when standard output is taken', () => {
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(`out ${line}`), err: (line: string) => lines.push(`err ${line}`) } as unknown as Output;
    textOutput(output, true).out('a');
    textOutput(output, false).out('b');
    expect(lines).toEqual(['err a', 'out b']);
  });
});
