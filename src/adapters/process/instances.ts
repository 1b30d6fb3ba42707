import { spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { InstancesPort, Member, PortResult } from '../../domain/ports';
import type { Plan, ProcessInstancesTarget } from '../../domain/plan/schema';
import type { Role } from '../../domain/strategies/effects';
import { templateArgs } from '../command/exec';
import { httpGet } from './httpGet';
import { checkProcess, identityOf } from './identity';
import { portHolder } from './portOwner';
import { stopProcess } from './signals';
import { stderrTail } from './stderrTail';

/** Where the runner's instances listen. */
export const INSTANCE_HOST = '127.0.0.1';
const POLL_MS = 100;
/** Stable instances the runner starts itself sit above the candidate port range. */
export const STABLE_PORT_OFFSET = 100;
/** How long a process seen gone may take to report its exit code (the kernel reaps, then Node hears). */
const EXIT_REPORT_MS = 1000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One look at an instance: ready, or why not; `lost` when it never will be (its process is gone). */
type Probe = { ready: true } | { ready: false; why: string; lost: boolean };

/**
 * Local processes as instances: started by the runner, stopped gracefully. They are started
 * detached with their output in log files (`<id>.log`, `<id>.stderr.log`), so a runner that
 * crashes leaves them serving and a resumed runner can adopt them by pid.
 *
 * An instance the runner started is healthy only while it is the one that answers: its process
 * has not exited and is still the one started (pid and start time), the port is held by its
 * process group and by nobody else (/proc/net/tcp and the sockets in /proc/PID/fd), and then its
 * health path answers 200. A leftover process on the port therefore never makes a candidate that
 * crashed on EADDRINUSE look healthy; a candidate that exited fails the check at once, with its
 * exit code and the last lines of its stderr.
 */
export function processInstances(target: ProcessInstancesTarget, plan: Plan, logDir: string): InstancesPort {
  const adopted: Member[] = target.stablePorts.map((port, index) => ({ id: `stable-${index}`, role: 'stable', host: INSTANCE_HOST, port }));
  const started: Member[] = [];
  const all = (): Member[] => [...adopted, ...started];
  const members = (role: Role): Member[] => all().filter((member) => member.role === role);
  const dir = target.logDir ?? logDir;
  const stderrLog = (member: Member): string => join(dir, `${member.id}.stderr.log`);
  /** Exits of the processes this runner spawned, by pid, and where each one's stderr begins in its log. */
  const exits = new Map<number, Promise<Exit>>();
  const seenExits = new Map<number, Exit>();
  const stderrFrom = new Map<number, number>();

  /** Why a member's process can no longer serve, or undefined while it is the process that was started. */
  const lostWhy = async (member: Member, pid: number): Promise<string | undefined> => {
    const check = checkProcess(pid, member.identity);
    if (check === 'other') return `${member.id}: pid ${pid} is now another process`;
    if (check === 'running' && !seenExits.has(pid)) return undefined;
    const pending = exits.get(pid);
    const exit = seenExits.get(pid) ?? (pending ? await Promise.race([pending, sleep(EXIT_REPORT_MS).then(() => undefined)]) : undefined);
    const how = exit === undefined ? 'is no longer running' : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const said = stderrTail(stderrLog(member), stderrFrom.get(pid));
    return `${member.id} (pid ${pid}) ${how}${said ? `; stderr: ${said}` : ''} (see ${stderrLog(member)})`;
  };

  const probe = async (member: Member): Promise<Probe> => {
    const { pid } = member;
    if (pid !== undefined) {
      const lost = await lostWhy(member, pid);
      if (lost !== undefined) return { ready: false, why: lost, lost: true };
      const holder = portHolder(member.port, pid);
      if (holder === 'theirs') return { ready: false, lost: false, why: `port ${member.port} is held by a process other than ${member.id} (pid ${pid})` };
      if (holder === 'free') return { ready: false, lost: false, why: `${member.id} (pid ${pid}) does not listen on port ${member.port} yet` };
    }
    const url = `http://${member.host}:${member.port}${target.healthPath}`;
    const reply = await httpGet(url, 1000);
    if (!reply.ok) return { ready: false, lost: false, why: reply.error };
    if (reply.value.status !== 200) return { ready: false, lost: false, why: `${url} answered ${reply.value.status}` };
    return { ready: true };
  };

  const startOne = async (role: Role, index: number, onSpawned?: (member: Member) => void): Promise<PortResult<Member>> => {
    const port = role === 'candidate' ? target.basePort + index : target.basePort + STABLE_PORT_OFFSET + index;
    const version = role === 'candidate' ? (plan.version ?? 'candidate') : (plan.stableVersion ?? 'stable');
    const id = `${role}-${index}`;
    const argv = templateArgs(target.command, { port: String(port), version, role, index: String(index), service: plan.service });
    const [program, ...args] = argv;
    if (program === undefined) return { ok: false, error: 'targets.instances.process.command is empty' };
    mkdirSync(dir, { recursive: true });
    const out = openSync(join(dir, `${id}.log`), 'a');
    const err = openSync(join(dir, `${id}.stderr.log`), 'a');
    const errFrom = fstatSync(err).size;
    const child = spawn(program, args, { detached: true, stdio: ['ignore', out, err], shell: false, env: { ...process.env, PORT: String(port), VERSION: version } });
    closeSync(out);
    closeSync(err);
    const exit = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const spawnError = await new Promise<string | null>((resolve) => {
      child.once('error', (error) => resolve(error.message));
      child.once('spawn', () => resolve(null));
    });
    if (spawnError !== null || child.pid === undefined) return { ok: false, error: `cannot start ${program} for ${id}: ${spawnError ?? 'no pid'}` };
    const pid = child.pid;
    child.unref();
    exits.set(pid, exit);
    stderrFrom.set(pid, errFrom);
    void exit.then((seen) => seenExits.set(pid, seen));
    const identity = identityOf(pid);
    const member: Member = { id, role, host: INSTANCE_HOST, port, pid, ...(identity ? { identity } : {}) };
    onSpawned?.(member);
    const deadline = Date.now() + target.startTimeout;
    let last = 'no answer';
    while (Date.now() < deadline) {
      const seen = await probe(member);
      if (seen.ready) return { ok: true, value: member };
      if (seen.lost) return { ok: false, error: `${seen.why}; it never became healthy` };
      last = seen.why;
      await sleep(POLL_MS);
    }
    await stopProcess(pid, target.stopTimeout, identity);
    return { ok: false, error: `${id} did not become healthy on port ${port} within ${target.startTimeout} ms (stopped it): ${last}; see ${stderrLog(member)}` };
  };

  return {
    name: `processes ${target.command[0] ?? ''}`,
    members,
    scaleUp: async (role, replicas, onSpawned) => {
      const added: Member[] = [];
      for (let count = members(role).length; count < replicas; count++) {
        const taken = new Set(members(role).map((member) => member.id));
        let index = 0;
        while (taken.has(`${role}-${index}`)) index++;
        const result = await startOne(role, index, onSpawned);
        if (!result.ok) return result;
        started.push(result.value);
        added.push(result.value);
      }
      return { ok: true, value: added };
    },
    surplus: (role, replicas) => members(role).slice(replicas).reverse(),
    scaleDown: async (role, replicas) => {
      const leaving = members(role).slice(replicas).reverse();
      for (const member of leaving) {
        const owned = started.findIndex((candidate) => candidate.id === member.id);
        if (owned >= 0) started.splice(owned, 1);
        const adoptedAt = adopted.findIndex((candidate) => candidate.id === member.id);
        // An instance found running belongs to whoever started it: it leaves the router, it is not killed.
        if (adoptedAt >= 0) adopted.splice(adoptedAt, 1);
        if (member.pid !== undefined) await stopProcess(member.pid, target.stopTimeout, member.identity);
      }
      return { ok: true, value: leaving };
    },
    health: async (role) => {
      const list = members(role);
      const probes = await Promise.all(list.map(probe));
      const lost = probes.flatMap((seen) => (!seen.ready && seen.lost ? [seen.why] : []));
      return { ok: true, value: { ready: probes.filter((seen) => seen.ready).length, total: list.length, ...(lost.length > 0 ? { lost } : {}) } };
    },
    adopt: (previous) => {
      for (const member of previous) {
        // A pid that exited, or that another process has taken since, is not the instance: it is not adopted, so nothing signals it.
        if (member.pid !== undefined && checkProcess(member.pid, member.identity) !== 'running') continue;
        if (!all().some((known) => known.id === member.id)) started.push(member);
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
