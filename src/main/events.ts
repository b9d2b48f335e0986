// A typed event bus: services emit contract events, transports forward them to the renderer.
import type { EventName, EventPayload } from '../shared/ipc';
import { events } from '../shared/ipc';

export type EventListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Validates the payload against its schema, so a bug never sends the renderer malformed data. */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const checked = events[name].payload.parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
