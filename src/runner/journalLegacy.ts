import type { RunEvent } from '../domain/run/events';
import { statePath } from '../domain/simulator/drive';
import { isFailing } from '../domain/strategies/failing';
import type { JournalEntry } from './journal';
import { describeEntry } from './journalWords';

type LegacyLine = Record<string, unknown> & { seq: number; at: string; type: string };

/**
 * A journal line in the format before journals held run events (`{ seq, at, type, ...fields }`),
 * as the event it meant; undefined for a line that is neither. Runs paused or interrupted before
 * an upgrade stay readable, resumable and abortable.
 */
export function fromLegacyLine(value: unknown, origin: number): JournalEntry | undefined {
  if (!isLegacy(value)) return undefined;
  const { seq, at, type, ...fields } = value;
  const t = Math.max(0, (Date.parse(at) || origin) - origin);
  const event = legacyEvent(type, fields);
  if (!event) return undefined;
  return { seq, at, t, ...event, message: describeEntry(event.kind, event.data as never) } as JournalEntry;
}

function legacyEvent(type: string, fields: Record<string, unknown>): Omit<RunEvent, 't' | 'message'> | undefined {
  switch (type) {
    case 'state':
      return {
        kind: 'machine.state',
        data: {
          state: statePath(fields.value),
          failing: isFailing(fields.value),
          stepIndex: typeof fields.stepIndex === 'number' ? fields.stepIndex : 0,
          stepCount: 0,
          stepLabel: '',
          persisted: { value: fields.value, snapshot: fields.snapshot, timers: Array.isArray(fields.timers) ? fields.timers : [] },
        },
      };
    case 'measurement':
      return {
        kind: 'gate.measure',
        data: {
          gate: String(fields.gate),
          role: 'candidate',
          value: typeof fields.value === 'number' ? fields.value : null,
          phase: fields.phase as never,
          ...(typeof fields.version === 'string' ? { version: fields.version } : {}),
          ...(typeof fields.message === 'string' ? { detail: fields.message } : {}),
        },
      };
    case 'run.ended':
      return { kind: 'outcome', data: { outcome: fields.outcome as never, reason: String(fields.reason ?? '') } };
    case 'run.started':
    case 'run.resumed':
    case 'run.paused':
    case 'route.safe':
    case 'action.intent':
    case 'action.result':
    case 'instance.spawned':
    case 'instance.started':
    case 'instance.stopped':
    case 'operator':
      return { kind: type, data: fields } as Omit<RunEvent, 't' | 'message'>;
    default:
      return undefined;
  }
}

function isLegacy(value: unknown): value is LegacyLine {
  const line = value as Partial<LegacyLine> | null;
  return typeof line?.type === 'string' && typeof line.seq === 'number' && typeof line.at === 'string';
}
