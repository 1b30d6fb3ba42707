import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { InstancesPort, Member, PortResult } from '../../domain/ports';
import type { Plan, ProcessInstancesTarget } from '../../domain/plan/schema';
import type { Role } from '../../domain/strategies/effects';
import { templateArgs } from '../command/exec';
import { httpGet } from './httpGet';
import { isAlive, stopProcess } from './signals';

const HOST = '127.0.0.1';
const POLL_MS = 100;
/** Stable instances the runner starts itself sit above the candidate port range. */
const STABLE_PORT_OFFSET = 100;

/**
 * Local processes as instances: started by the runner, ready when their health path answers
 * 200, stopped gracefully. They are started detached with their output in a log file, so a
 * runner that crashes leaves them serving and a resumed runner can adopt them by pid.
 */
export function processInstances(target: ProcessInstancesTarget, plan: Plan, logDir: string): InstancesPort {
  const adopted: Member[] = target.stablePorts.map((port, index) => ({ id: `stable-${index}`, role: 'stable', host: HOST, port }));
  const started: Member[] = [];
  const all = (): Member[] => [...adopted, ...started];
  const members = (role: Role): Member[] => all().filter((member) => member.role === role);
  const healthy = async (member: Member): Promise<boolean> => {
    const reply = await httpGet(`http://${member.host}:${member.port}${target.healthPath}`, 1000);
    return reply.ok && reply.value.status === 200;
  };

  const startOne = async (role: Role, index: number, onSpawned?: (member: Member) => void): Promise<PortResult<Member>> => {
    const port = role === 'candidate' ? target.basePort + index : target.basePort + STABLE_PORT_OFFSET + index;
    const version = role === 'candidate' ? (plan.version ?? 'candidate') : (plan.stableVersion ?? 'stable');
    const id = `${role}-${index}`;
    const argv = templateArgs(target.command, { port: String(port), version, role, index: String(index), service: plan.service });
    const [program, ...args] = argv;
    if (program === undefined) return { ok: false, error: 'targets.instances.process.command is empty' };
    const dir = target.logDir ?? logDir;
    mkdirSync(dir, { recursive: true });
    const log = openSync(join(dir, `${id}.log`), 'a');
    const child = spawn(program, args, { detached: true, stdio: ['ignore', log, log], shell: false, env: { ...process.env, PORT: String(port), VERSION: version } });
    closeSync(log);
    const spawnError = await new Promise<string | null>((resolve) => {
      child.once('error', (error) => resolve(error.message));
      child.once('spawn', () => resolve(null));
    });
    if (spawnError !== null || child.pid === undefined) return { ok: false, error: `cannot start ${program} for ${id}: ${spawnError ?? 'no pid'}` };
    child.unref();
    const member: Member = { id, role, host: HOST, port, pid: child.pid };
    onSpawned?.(member);
    const deadline = Date.now() + target.startTimeout;
    while (Date.now() < deadline) {
      if (!isAlive(child.pid)) return { ok: false, error: `${id} (${program}) exited before answering ${target.healthPath}; see ${join(dir, `${id}.log`)}` };
      if (await healthy(member)) return { ok: true, value: member };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await stopProcess(child.pid, target.stopTimeout);
    return { ok: false, error: `${id} did not answer ${target.healthPath} on port ${port} within ${target.startTimeout} ms (stopped it); see ${join(dir, `${id}.log`)}` };
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
        if (member.pid !== undefined) await stopProcess(member.pid, target.stopTimeout);
      }
      return { ok: true, value: leaving };
    },
    health: async (role) => {
      const list = members(role);
      const results = await Promise.all(list.map(healthy));
      return { ok: true, value: { ready: results.filter(Boolean).length, total: list.length } };
    },
    adopt: (previous) => {
      for (const member of previous) {
        if (member.pid !== undefined && !isAlive(member.pid)) continue;
        if (!all().some((known) => known.id === member.id)) started.push(member);
      }
    },
  };
}
