// Starts and stops the built standalone jar for the browser tests: free ports, a temp data folder,
// bounded waits, and the process always ended, even when a test fails or node exits early.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { copyFileSync, createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');
const jar = process.env.CHORUS_JAR ?? join(repo, 'standalone/target/chorus-standalone.jar');
const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** A copy of the jar is run, so that a build during the test cannot change the classes under it. */
export async function chorusOptions() {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it first (./mvnw -B install -DskipTests)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-browser-'));
  copyFileSync(jar, join(dataDir, 'chorus.jar'));
  return {
    dataDir,
    httpPort: await freePort(), kafkaPort: await freePort(), controllerPort: await freePort(),
  };
}

/** Starts the standalone and resolves once its page answers. @returns {{url, stop}} */
export async function startChorus(options, timeoutMs = 150_000) {
  const { dataDir, httpPort, kafkaPort, controllerPort } = options;
  const log = createWriteStream(join(dataDir, 'chorus.log'), { flags: 'a' });
  const extra = (process.env.CHORUS_EXTRA_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn('java', ['-Xmx1g', '-jar', join(dataDir, 'chorus.jar'), `--data-dir=${join(dataDir, 'data')}`, `--kafka-port=${kafkaPort}`,
    `--kafka-controller-port=${controllerPort}`, `--server.port=${httpPort}`, ...extra],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise(ok => child.once('exit', code => { running.delete(child); ok(code); }));
  const url = `http://localhost:${httpPort}/`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  exited.then(() => { dead = true; });
  while (Date.now() < deadline && !dead) {
    try {
      if ((await fetch(url)).ok) return { url, stop, log: join(dataDir, 'chorus.log') };
    } catch { /* not up yet */ }
    await new Promise(ok => setTimeout(ok, 500));
  }
  await stop();
  throw new Error(`Chorus did not start in ${timeoutMs} ms (exited: ${dead}); see ${join(dataDir, 'chorus.log')}`);
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
