// The one IPC contract: every channel and event, gathered from the per-domain files.
import { accessChannels, accessEvents } from './ipc/access';
import { agentChannels } from './ipc/agent';
import { appChannels, appEvents } from './ipc/app';
import { auditChannels, auditEvents } from './ipc/audit';
import { clustersChannels, clustersEvents } from './ipc/clusters';
import {
  byName,
  type ChannelDef,
  type EventDef,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type PayloadOf,
} from './ipc/contract';
import { jobsChannels, jobsEvents } from './ipc/jobs';
import { mappingChannels, rotationChannels } from './ipc/mapping';
import { mappingAssistChannels } from './ipc/mapping-assist';
import { overviewChannels } from './ipc/overview';
import { resourcesChannels } from './ipc/resources';
import { rotationJournalChannels } from './ipc/rotation';
import { searchChannels } from './ipc/search';
import { secretConsumerChannels } from './ipc/secret-consumers';
import { syncChannels, syncEvents } from './ipc/sync';
import { transferChannels, transferEvents } from './ipc/transfer';
import { vaultChannels, vaultEvents } from './ipc/vault';

export * from './ipc/contract';

/** Add a domain's channels here, one spread per domain file. */
export const channelList = [
  ...appChannels,
  ...vaultChannels,
  ...auditChannels,
  ...clustersChannels,
  ...transferChannels,
  ...syncChannels,
  ...resourcesChannels,
  ...secretConsumerChannels,
  ...jobsChannels,
  ...accessChannels,
  ...agentChannels,
  ...overviewChannels,
  ...mappingChannels,
  ...mappingAssistChannels,
  ...rotationChannels,
  ...rotationJournalChannels,
  ...searchChannels,
] as const;

/** Add a domain's events here, one spread per domain file. */
export const eventList = [
  ...appEvents,
  ...vaultEvents,
  ...auditEvents,
  ...clustersEvents,
  ...transferEvents,
  ...syncEvents,
  ...jobsEvents,
  ...accessEvents,
] as const;

export const channels = byName(channelList);
export const events = byName(eventList);

export type Channels = typeof channels;
export type Events = typeof events;
export type ChannelName = keyof Channels & string;
export type EventName = keyof Events & string;

export const channelNames: readonly string[] = channelList.map((c: ChannelDef) => c.name);
export const eventNames: readonly string[] = eventList.map((e: EventDef) => e.name);

export type ChannelInput<N extends ChannelName> = InputOf<Channels[N]>;
export type ChannelParsedInput<N extends ChannelName> = ParsedInputOf<Channels[N]>;
export type ChannelOutput<N extends ChannelName> = OutputOf<Channels[N]>;
export type EventPayload<N extends EventName> = PayloadOf<Events[N]>;
