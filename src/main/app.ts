// Composition root: builds every service from one config. Electron, the browser harness, the CLI and tests share it.
import type { Result } from '../shared/errors';
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/ipc';
import type { AppInfo } from '../shared/ipc/app';
import { accessHandlers } from './access/handlers';
import { AccessRepo } from './access/repo';
import { AccessService } from './access/service';
import { agentHandlers } from './agent/handlers';
import { AgentService } from './agent/service';
import { appHandlers, type DemoTarget } from './app-handlers';
import { auditHandlers } from './audit/handlers';
import { AuditLog } from './audit/service';
import { ClipboardService, type SystemClipboard } from './clipboard';
import { type Clock, systemClock } from './clock';
import { savedClusterAccess } from './clusters/access';
import { ClusterService } from './clusters/cluster-service';
import { clusterHandlers } from './clusters/handlers';
import { SqliteClusterRepo } from './clusters/repo';
import { EventBus } from './events';
import { withDemoFirstRun } from './first-run';
import { type CallContext, createDispatcher, type Dispatch, type Handlers } from './ipc/dispatch';
import type { SaveDialog } from './ipc/export-destination';
import { jobsHandlers } from './jobs/handlers';
import { JobRunner } from './jobs/runner';
import { createLogger, type Logger } from './log';
import { overviewHandlers } from './overview/handlers';
import { recordFindings } from './overview/precompute';
import { OverviewService } from './overview/service';
import { consumerHandlers } from './resources/consumer-handlers';
import { fetchedResources } from './resources/fetched-resources';
import { resourceHandlers } from './resources/handlers';
import { onVersionsWritten } from './resources/version-hooks';
import { mappingHandlers, rotationHandlers } from './rotation/handlers';
import { rotationJournalHandlers } from './rotation/journal-handlers';
import { applyRulesAfterSync, mappingAssistHandlers } from './rotation/mapping-assist-handlers';
import { RotationScheduler } from './rotation/rotation-schedule';
import { RotationService } from './rotation/rotation-service';
import { pauseAfterStepFromEnv } from './rotation/test-pause';
import { searchHandlers } from './search/handlers';
import { SearchService } from './search/service';
import type { ClusterAccess } from './sync/access';
import { syncHandlers } from './sync/handlers';
import { SyncScheduler } from './sync/schedule';
import { SyncService } from './sync/service';
import type { ExportFolderLookup } from './transfer/export-folder';
import { transferHandlers } from './transfer/handlers';
import { OfflineReviewService } from './transfer/offline';
import { vaultHandlers } from './vault/handlers';
import { type KeyStore, OsKeyStore } from './vault/keystore';
import { VaultService } from './vault/service';

export interface AppConfig {
  dataDir: string;
  /** Which shell hosts the renderer; the CLI and tests build the same graph without one. */
  shell: AppInfo['shell'] | 'cli' | 'test';
  clock?: Clock;
  log?: Logger;
  /** The OS keychain; tests and the CLI may inject another. Default: @napi-rs/keyring. */
  keyStore?: KeyStore;
  /** How sync reaches saved clusters; tests and benches may inject one over a kubeconfig. */
  clusterAccess?: ClusterAccess;
  /** The OS clipboard, when the shell gives main one (Electron). */
  clipboard?: SystemClipboard;
  /** The demo cluster started by `npm start`, offered as a one-click connection. */
  demo?: DemoTarget;
  /** Where a window's exports go in Electron: a save dialog run by main. */
  saveDialog?: SaveDialog;
  /** How the default export folder (Downloads, else home) is found; tests give a temporary home. */
  exportFolder?: ExportFolderLookup;
}

export interface App {
  readonly config: AppConfig;
  readonly log: Logger;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  readonly vault: VaultService;
  readonly audit: AuditLog;
  readonly clusters: ClusterService;
  readonly sync: SyncService;
  readonly jobs: JobRunner;
  readonly access: AccessService;
  /**
   * Calls a channel the way a transport would, typed by the contract; used by the CLI and tests.
   * (`dispatch` takes any name and payload, for tests of what a transport may send.)
   */
  call<N extends ChannelName>(name: N, payload: ChannelInput<N>, ctx?: CallContext): Promise<Result<ChannelOutput<N>>>;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig): Promise<App> {
  // The overview's findings are computed in the transaction that writes Secret versions, once per batch.
  onVersionsWritten(recordFindings);
  const log = config.log ?? createLogger({ dir: config.dataDir });
  const clock = config.clock ?? systemClock;
  const events = new EventBus();
  const vault = new VaultService({
    dataDir: config.dataDir,
    clock,
    log,
    keyStore: config.keyStore ?? new OsKeyStore(),
    events,
  });
  const audit = new AuditLog({ vault, clock, log });
  const clusters = new ClusterService({
    repo: new SqliteClusterRepo(() => vault.db()),
    audit,
    clock,
    log,
    resources: fetchedResources(vault),
  });
  const offline = new OfflineReviewService({ clock, log, audit });
  const clipboard = new ClipboardService(clock, config.clipboard);
  // Opened files hold Secrets in memory: they go when the vault locks.
  vault.addLifecycle({ locking: () => offline.closeAll() });

  // Long jobs are journalled in the vault and hold a lease on it: a lock waits for them or pauses them.
  const jobs = new JobRunner({ vault, clock, log, events });
  vault.attachLeases(jobs);

  const clusterAccess = config.clusterAccess ?? savedClusterAccess(clusters);
  const sync = new SyncService({
    vault,
    audit,
    clusters: clusterAccess,
    clock,
    log,
    events,
    jobs,
  });
  // Mapping rules apply to what each fetch or sync brought in; sync never imports the mapping code.
  events.subscribe(applyRulesAfterSync(() => vault.db(), audit, clock, log));
  const agent = new AgentService({ vault, audit, clusters: clusterAccess, clock, log });
  // Scheduled syncs run only in the long-lived shells, never in a CLI process.
  const scheduler = new SyncScheduler(vault, sync, audit, clock, log, config.shell !== 'cli');
  const overview = new OverviewService({ vault, audit, scheduler, clock });
  const rotation = new RotationService({
    vault,
    audit,
    clusters: clusterAccess,
    jobs,
    clock,
    ...pauseAfterStepFromEnv(process.env.STRONGROOM_TEST_PAUSE_AFTER_STEP),
  });
  const rotationScheduler = new RotationScheduler(vault, rotation, audit, clock, log, config.shell !== 'cli');
  const search = new SearchService(() => vault.db());
  vault.addLifecycle({ locking: () => search.clear() });

  const access = new AccessService({
    repo: new AccessRepo(() => vault.db()),
    clusters,
    audit,
    clock,
    log,
    changed: (id) => events.emit('access:session-updated', { id }),
    notice: (notice) => events.emit('app:notice', notice),
    // A live session is a job: it holds a lease on the vault, and a lock that pauses or cancels jobs ends it.
    hold: ({ id, label, params }, revoked) => {
      let release: () => void = () => undefined;
      void jobs
        .run({ kind: 'access-session', label, params, id }, (job) => {
          job.signal.addEventListener('abort', revoked);
          job.pauseSignal.addEventListener('abort', revoked);
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'access session job ended'));
      return () => release();
    },
  });
  // A session writes its log to the vault: it cannot outlive the unlocked vault. One a crashed process left
  // open is closed at the next unlock (after the job runner's own check, so a live job means a live session).
  vault.addLifecycle({
    locking: (reason) => void access.endAll(reason === 'shutdown' ? 'shutdown' : 'lock'),
    unlocked: () => access.closeOrphans(jobs.list({ state: 'running', limit: 10_000 }).map((j) => j.id)),
  });

  const handlers: Handlers = {
    ...appHandlers({
      shell: config.shell,
      dataDir: config.dataDir,
      audit,
      clipboard,
      clusters,
      demo: config.demo,
      exportFolder: config.exportFolder,
    }),
    ...vaultHandlers(vault, audit),
    ...auditHandlers(audit, config.saveDialog),
    ...clusterHandlers(clusters, events, clock),
    ...syncHandlers({ audit, sync, scheduler }),
    ...resourceHandlers({ vault, audit, clock }),
    ...consumerHandlers({ vault, clusters: clusterAccess }),
    ...transferHandlers(offline, audit, { db: () => vault.db(), now: () => clock.now() }, config.saveDialog),
    ...jobsHandlers(jobs, audit),
    ...accessHandlers(access),
    ...agentHandlers(agent),
    ...overviewHandlers(overview, audit),
    ...mappingHandlers(() => vault.db(), audit, clock),
    ...mappingAssistHandlers(() => vault.db(), audit, clock),
    ...rotationHandlers(rotation),
    ...rotationJournalHandlers({ db: () => vault.db(), audit, rotation, scheduler: rotationScheduler }),
    ...searchHandlers(search),
  };

  // `npm start`'s demo: the first vault created connects and fetches it, as the README promises.
  if (config.demo?.connectOnFirstRun) {
    handlers['vault:init'] = withDemoFirstRun(handlers['vault:init'], {
      demo: config.demo,
      clusters,
      sync,
      events,
      log,
    });
  }

  const dispatch = createDispatcher({
    handlers,
    isUnlocked: () => vault.isUnlocked,
    onActivity: (name) => vault.touch(name),
    log: log.child({ svc: 'ipc' }),
  });

  return {
    config,
    log,
    clock,
    events,
    dispatch,
    vault,
    audit,
    clusters,
    sync,
    jobs,
    access,
    call: <N extends ChannelName>(name: N, payload: ChannelInput<N>, ctx: CallContext = { transport: 'test' }) =>
      dispatch(name, payload, ctx) as Promise<Result<ChannelOutput<N>>>,
    async close() {
      scheduler.stopAll();
      rotationScheduler.stopAll();
      await access.endAll('shutdown');
      vault.lock('shutdown');
      log.flush?.();
    },
  };
}
