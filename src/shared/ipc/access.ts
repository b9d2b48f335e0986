// Channels of access: just-in-time kubectl sessions through a recorded local proxy, their accounts and logs.
import { z } from 'zod';
import { channel, event, returns } from './contract';

/** The accounts every cluster offers once the setup YAML created them (`strongroom-access-<name>`). */
export const BUILT_IN_ACCESS_ACCOUNTS = ['view', 'edit', 'admin'] as const;
export type BuiltInAccessAccount = (typeof BUILT_IN_ACCESS_ACCOUNTS)[number];

/** The ServiceAccount the setup YAML creates for a built-in account; bound to the ClusterRole of the short name. */
export function accessServiceAccountName(short: string): string {
  return `strongroom-access-${short}`;
}

/** An account a session can borrow: a ServiceAccount whose short-lived token the session mints. */
export interface AccessAccount {
  /** Short name used to choose it (`view`, `edit`, `admin` or a custom name). */
  name: string;
  namespace: string;
  serviceAccount: string;
  builtIn: boolean;
}

/** Why a session ended. `command` when `strongroom access … -- kubectl …` finished. */
export type SessionEndReason = 'ttl' | 'user' | 'command' | 'lock' | 'error' | 'shutdown';

/** One session, live or past, as the list shows it. */
export interface SessionSummary {
  id: string;
  clusterId: string;
  clusterName: string;
  account: string;
  /** `namespace/name` of the ServiceAccount whose token was minted. */
  serviceAccount: string;
  /** The OS user who started it. */
  actor: string;
  reason: string;
  startedAt: number;
  expiresAt: number;
  endedAt?: number;
  endReason?: SessionEndReason;
  /** The username the API server saw (the TokenRequest identity). */
  identity: string;
  live: boolean;
  requestCount: number;
  /** Whether exec and attach streams of this session are transcribed (chosen at start; default off). */
  recordExec: boolean;
}

/** One request the proxy forwarded. No body is ever kept. */
export interface SessionRequest {
  at: number;
  method: string;
  path: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, exec, … */
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  /** The kubectl command this request most likely came from. */
  command: string;
  /** For exec and attach: the command line run in the container. */
  execCommand?: string;
  /** For exec and attach in a session that records them: what went in and came out. */
  transcript?: ExecTranscript;
}

/** Which channel of an exec stream a transcript chunk came from. */
export type TranscriptStream = 'stdin' | 'stdout' | 'stderr';

/** A run of one channel's bytes, decoded as UTF-8. */
export interface TranscriptChunk {
  stream: TranscriptStream;
  /** Milliseconds after the stream opened. */
  atMs: number;
  text: string;
}

/** An exec or attach stream's stdin, stdout and stderr, in order, up to a size cap. */
export interface ExecTranscript {
  chunks: TranscriptChunk[];
  /** Every byte the three channels carried, kept or not. */
  bytes: number;
  /** True when the cap cut the transcript: `chunks` hold only the first part. */
  truncated: boolean;
  /** Why part of the stream could not be transcribed, if it could not. */
  note?: string;
}

/** The marker shown where a capped transcript stops, or undefined when it is whole. */
export function truncationMarker(t: ExecTranscript): string | undefined {
  if (!t.truncated) return undefined;
  const kept = t.chunks.reduce((n, c) => n + c.text.length, 0);
  return `[transcript truncated: the first ${kept} of ${t.bytes} bytes are kept]`;
}

/** A session with its command timeline. */
export interface SessionDetail extends SessionSummary {
  requests: SessionRequest[];
}

/** What a started session gives its caller: where its kubeconfig is, and until when it works. */
export interface StartedSession {
  session: SessionSummary;
  kubeconfigPath: string;
  proxyUrl: string;
}

const clusterId = z.string().min(1).max(200);
const sessionId = z.uuid();
/** A short name: DNS-1123 label. */
const shortName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);

/** Minimum and maximum session lengths. */
export const MIN_SESSION_TTL_MS = 1000;
export const MAX_SESSION_TTL_MS = 12 * 3600_000;

export const StartSessionInput = z.object({
  clusterId,
  account: shortName,
  ttlMs: z
    .number()
    .int()
    .min(MIN_SESSION_TTL_MS)
    .max(MAX_SESSION_TTL_MS)
    .default(30 * 60_000),
  reason: z.string().max(500).default(''),
  /** Transcribe exec and attach streams (stdin, stdout, stderr) into the session log. */
  recordExec: z.boolean().default(false),
});

/** Lists a cluster's access accounts (built-in ones first). */
export const listAccessAccounts = channel('access:accounts', z.object({ clusterId }), returns<AccessAccount[]>());
/** Adds a custom access account. Errors: `already_exists`, `invalid_input`, `not_found` (cluster). */
export const addAccessAccount = channel(
  'access:addAccount',
  z.object({ clusterId, name: shortName, namespace: shortName, serviceAccount: shortName }),
  returns<AccessAccount>(),
);
/** Starts a session: mints a token, starts the local proxy, writes the temporary kubeconfig. */
export const startSession = channel('access:start', StartSessionInput, returns<StartedSession>());
/** Ends a live session now. */
export const endSession = channel('access:end', z.object({ id: sessionId }), returns<SessionSummary>());
/** Live and past sessions, newest first. */
export const listSessions = channel(
  'access:sessions',
  z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
  returns<SessionSummary[]>(),
);
/** One session and its command timeline. */
export const showSession = channel('access:session', z.object({ id: sessionId }), returns<SessionDetail>());

export const accessChannels = [
  listAccessAccounts,
  addAccessAccount,
  startSession,
  endSession,
  listSessions,
  showSession,
] as const;

/** A session started, ended, or recorded requests; the view refreshes that session. */
export const sessionUpdated = event('access:session-updated', z.object({ id: z.string() }));

export const accessEvents = [sessionUpdated] as const;
