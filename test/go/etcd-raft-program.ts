/**
 * The Go program examples/go/etcd-raft, built once into the OS's temporary folder and reused while its
 * sources and the Go toolchain stay the same. It needs Debian's golang-go and golang-etcd-server-dev
 * (etcd 3.4's source under /usr/share/gocode): in CI their absence fails the tests (.ci/run installs
 * them); elsewhere the tests are skipped with a message saying why.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../cli-process.js';

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const SOURCES = join(ROOT, 'examples', 'go', 'etcd-raft');
/** Where Debian's golang-etcd-server-dev puts etcd's source, as a GOPATH. */
const GOPATH = '/usr/share/gocode';
const ETCD_RAFT = join(GOPATH, 'src', 'go.etcd.io', 'etcd', 'raft');

const goVersion: string | null = (() => {
  const found = spawnSync('go', ['version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
})();

/** Why the program cannot be built here, or null when it can. */
function missing(): string | null {
  if (goVersion === null) return 'go is not on PATH (Debian: golang-go)';
  if (!existsSync(ETCD_RAFT)) return `${ETCD_RAFT} is missing (Debian: golang-etcd-server-dev)`;
  return null;
}

/** Whether to skip the Go tests here: no toolchain or no etcd source, and not in CI. */
export function skipGoTests(): boolean {
  const reason = missing();
  if (reason !== null && !inCi) {
    console.warn(`etcd/raft program tests skipped: ${reason}; in CI they fail instead`);
    return true;
  }
  return false;
}

/** The built program's path, built on first use; throws with the compiler's output if it does not build. */
export function etcdRaftProgram(): string {
  const reason = missing();
  if (reason !== null) throw new Error(`CI needs the Go toolchain and etcd's source for the etcd/raft tests (.ci/run installs them): ${reason}`);
  const hash = createHash('sha256').update(goVersion!);
  for (const file of readdirSync(SOURCES).filter((name) => name.endsWith('.go')).sort()) hash.update(file).update(readFileSync(join(SOURCES, file)));
  const folder = join(tmpdir(), 'raftsim-etcd-raft', hash.digest('hex').slice(0, 16));
  const program = join(folder, 'etcd-raft');
  if (existsSync(program)) return program;
  mkdirSync(folder, { recursive: true });
  const building = `${program}.${process.pid}`;
  const build = spawnSync('go', ['build', '-o', building, '.'], {
    cwd: SOURCES,
    encoding: 'utf8',
    env: { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: join(tmpdir(), 'raftsim-etcd-raft', 'go-cache') },
  });
  if (build.status !== 0) throw new Error(`go build of examples/go/etcd-raft failed:\n${build.stdout}${build.stderr}`);
  renameSync(building, program);
  return program;
}
