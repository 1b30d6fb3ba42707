import type { AnyActorRef, AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import { machineSteps, type MachineAction, type MachineStep, type MachineSteps } from './machineSteps';

export type SendBack = (event: EventObject) => void;

/** What a run of a machine acts through: its effects, its timers and whoever watches it. */
export interface MachineRunHost<Timer> {
  /** Starts the effect the machine invokes by name; returns what stops it. Throwing fails the machine. */
  startEffect(src: string, input: unknown, sendBack: SendBack): (() => void) | undefined;
  /** A delayed machine event (an `after` transition), `delay` ms from now. */
  after(delay: number, fire: () => void): Timer;
  cancel(timer: Timer): void;
  /** After every event the machine processed, with its active or final snapshot, as an actor tells its subscribers. */
  observe(snapshot: AnyMachineSnapshot): void;
}

export type MachineRunStatus = 'active' | 'done' | 'error' | 'stopped';

/**
 * One run of a machine, doing what an XState actor does with the steps of machineSteps.ts:
 * events queue while one is processed; after each step the children it stopped stop, those it
 * invoked start, its delayed events are scheduled or cancelled, in XState's order; then the
 * snapshot is observed. An effect that reports after it was stopped is not heard.
 *
 * @example
 * const run = new MachineRun(canaryMachine, { plan }, host);
 * run.start();                       // provision starts; the host observes the initial snapshot
 * run.send({ type: 'provision.done' });
 * run.stop();                        // what still runs is stopped, in the snapshot's order
 */
export class MachineRun<Timer> {
  snapshot!: AnyMachineSnapshot;
  status: MachineRunStatus = 'active';
  /** What failed the machine (a guard or action threw, or an effect failed to start), when status is 'error'. */
  error: unknown;

  private readonly steps: MachineSteps;
  private readonly live = new Map<AnyActorRef, (() => void) | undefined>();
  private readonly timers = new Map<string, Timer>();
  private readonly mailbox: EventObject[] = [];
  private processing = false;

  constructor(
    machine: AnyStateMachine,
    private readonly input: { plan: object },
    private readonly host: MachineRunHost<Timer>,
  ) {
    this.steps = machineSteps(machine);
  }

  start(): void {
    const step = this.steps.initial(this.input);
    if (step.snapshot.status === 'error') {
      // An actor whose initial snapshot failed reports the error and runs none of its initial actions.
      this.snapshot = step.snapshot;
      this.fail(step.snapshot.error);
      return;
    }
    this.processing = true;
    this.update(step);
    this.processing = false;
    this.drain();
  }

  send(event: EventObject): void {
    if (this.status !== 'active') return;
    this.mailbox.push(event);
    if (!this.processing) this.drain();
  }

  /** Stops the machine and every effect still running, as `actor.stop()` does; a finished machine stays as it is. */
  stop(): void {
    if (this.status !== 'active') return;
    this.mailbox.length = 0;
    this.processing = true;
    this.process({ type: 'xstate.stop' });
    this.processing = false;
    this.halt('stopped');
  }

  private drain(): void {
    this.processing = true;
    for (let event = this.mailbox.shift(); event && this.status === 'active'; event = this.mailbox.shift()) this.process(event);
    this.processing = false;
  }

  private process(event: EventObject): void {
    let step: MachineStep;
    try {
      step = this.steps.next(this.snapshot, event);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.update(step);
  }

  private update(step: MachineStep): void {
    this.snapshot = step.snapshot;
    this.perform(step.actions);
    const status = step.snapshot.status as MachineRunStatus;
    if (status === 'active') {
      this.host.observe(step.snapshot);
    } else if (status === 'done') {
      this.host.observe(step.snapshot);
      this.halt('done');
    } else if (status === 'error') {
      this.fail(step.snapshot.error);
    }
  }

  private perform(actions: readonly MachineAction[]): void {
    for (const action of actions) {
      if (action.kind === 'start') this.startEffect(action.ref, action.src, action.input);
      else if (action.kind === 'stop') this.stopEffect(action.ref);
      else if (action.kind === 'schedule') this.schedule(action.id, action.event, action.delay);
      else if (action.kind === 'cancel') this.cancel(action.id);
      else action.action.exec?.(action.action.info, action.action.params);
    }
  }

  private startEffect(ref: AnyActorRef, src: string, input: unknown): void {
    this.live.set(ref, undefined);
    const sendBack: SendBack = (event) => {
      if (this.live.has(ref)) this.send(event);
    };
    try {
      this.live.set(ref, this.host.startEffect(src, input, sendBack));
    } catch (error) {
      // An actor whose start throws reports an error event to its parent, which no strategy handles.
      this.live.delete(ref);
      this.send({ type: `xstate.error.actor.${ref.id}`, error, actorId: ref.id } as EventObject);
    }
  }

  private stopEffect(ref: AnyActorRef): void {
    const stop = this.live.get(ref);
    if (this.live.delete(ref)) stop?.();
  }

  private schedule(id: string, event: EventObject, delay: number): void {
    const timer = this.host.after(delay, () => {
      this.timers.delete(id);
      this.send(event);
    });
    this.timers.set(id, timer);
  }

  private cancel(id: string): void {
    const timer = this.timers.get(id);
    this.timers.delete(id);
    if (timer !== undefined) this.host.cancel(timer);
  }

  private fail(error: unknown): void {
    this.error = error;
    this.halt('error');
  }

  private halt(status: MachineRunStatus): void {
    this.status = status;
    this.mailbox.length = 0;
    for (const timer of this.timers.values()) this.host.cancel(timer);
    this.timers.clear();
  }
}
