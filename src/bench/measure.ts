import { spawn } from 'node:child_process';
import { heapFlag, inputBytes, sizedHeapEnv } from '../io/heap.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The child that runs a variant, and the Node options it needs: the compiled one (dist/, which
 * `npm run bench` builds first) with plain `node`, as users run the build (`node dist/cli.js`);
 * the sources through tsx only when there is no compiled child. tsx's loader hooks run every
 * import of a process through a loader thread: they made a rebuild 0.2–0.5 s slower than the
 * same compiled code run by plain `node`, and Eleventy's import and worker threads slower too.
 */
function childCommand(): { file: string; execArgv: string[] } {
  const compiled = fileURLToPath(new URL('../../dist/bench/child.js', import.meta.url));
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts') && existsSync(compiled)) return { file: compiled, execArgv: [] };
  return { file: fileURLToPath(new URL(here.endsWith('.ts') ? './child.ts' : './child.js', import.meta.url)), execArgv: process.execArgv };
}

export interface Measured {
  seconds: number;
  /** Peak resident memory of the child's whole process tree (Hugo's included). */
  peakRssMB: number;
  extra: Record<string, unknown>;
}

/** Resident KB of `pid` and every descendant (from /proc; 0 when gone). */
function treeRssKB(root: number): number {
  const children = new Map<number, number[]>();
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      // process ended while scanning
    }
  }
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Runs one variant in a child process (see `childCommand`) and samples the tree's RSS every
 * 100 ms; the child also reports its own `maxRSS`.
 */
export function measure(variant: string, args: Record<string, unknown>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    // The heap (and allocator setting) the CLI would give itself for the same input (src/io/heap.ts).
    const heap = typeof args.input === 'string' ? heapFlag(inputBytes(args.input)) : null;
    const { file, execArgv } = childCommand();
    const child = spawn(process.execPath, [...execArgv, ...(heap ? [heap] : []), file, variant, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(heap ? { env: sizedHeapEnv() } : {}),
    });
    let out = '';
    let peakKB = 0;
    const timer = setInterval(() => {
      if (child.pid) peakKB = Math.max(peakKB, treeRssKB(child.pid));
    }, 100);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`${variant} failed (exit ${code})`));
      const r = JSON.parse(last) as { seconds: number; maxRssMB: number; extra: Record<string, unknown> };
      resolve({ seconds: r.seconds, peakRssMB: Math.max(r.maxRssMB, peakKB / 1024), extra: r.extra });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
