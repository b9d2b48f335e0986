// Sandboxed preload: exposes window.strongroom, limited to the channels and events of the contract.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { StrongroomBridge } from '../shared/bridge';
import type { Result } from '../shared/errors';
import { channelNames, eventNames } from '../shared/ipc';

const knownChannels = new Set(channelNames);
const knownEvents = new Set(eventNames);

const bridge: StrongroomBridge = {
  async invoke(channel, payload) {
    if (!knownChannels.has(channel)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown channel "${channel}".` } };
    }
    return (await ipcRenderer.invoke(channel, payload)) as Result<unknown>;
  },
  on(event, listener) {
    if (!knownEvents.has(event)) throw new Error(`Unknown event "${event}"`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('strongroom', bridge);
