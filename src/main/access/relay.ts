// One plain (non-upgrade) request relayed to the API server: undici's dispatch callbacks write kubectl's response with backpressure, timed and counted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { PROXY_MESSAGES } from './status-body';
import { returnedHeaders } from './upstream';

/** What the session log keeps of a relayed request's progress. */
export interface Timing {
  start: number;
  head: number;
  status: number;
  bytesIn: number;
  bytesOut: number;
}

/** The proxy's side of a relay: its own answers (with the problem said once) and the log entry. */
export interface RelayOwner {
  answer(res: ServerResponse, t: Timing, status: number, reason: string, message: string): void;
  record(req: IncomingMessage, at: number, t: Timing): void;
}

/**
 * The handler of one `dispatch`: a class rather than a literal of closures, since the proxy makes one
 * per request. The client going away aborts the upstream request; the entry is logged when the
 * client's response closes, however it ends.
 */
export class Relay implements Dispatcher.DispatchHandler {
  readonly t: Timing = { start: performance.now(), head: 0, status: 0, bytesIn: 0, bytesOut: 0 };
  private upstream: Dispatcher.DispatchController | undefined;
  /** False once the response is ours to write (a refused token): the API server's own body is dropped. */
  private relaying = true;

  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    at: number,
    private readonly owner: RelayOwner,
  ) {
    res.once('close', () => {
      if (!res.writableFinished) this.upstream?.abort(new Error('the client closed the connection'));
      owner.record(req, at, this.t);
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.upstream = controller;
  }

  onBodySent(chunk: Buffer): void {
    this.t.bytesIn += chunk.length;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (status < 200) return;
    this.t.head = performance.now();
    this.t.status = status;
    if (status === 401) {
      this.relaying = false;
      this.owner.answer(this.res, this.t, 401, 'Unauthorized', PROXY_MESSAGES.tokenRefused);
      return;
    }
    this.res.writeHead(status, returnedHeaders(headers));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.relaying) return;
    this.t.bytesOut += chunk.length;
    if (this.res.write(chunk)) return;
    controller.pause();
    this.res.once('drain', () => controller.resume());
  }

  onResponseEnd(): void {
    if (this.relaying) this.res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: NodeJS.ErrnoException): void {
    // Nobody to tell: the client left, or the session ended and cut its connection.
    if (this.res.destroyed || !this.res.socket || this.res.socket.destroyed) return;
    if (this.res.headersSent) return void this.res.destroy();
    this.t.head ||= performance.now();
    this.owner.answer(this.res, this.t, 502, 'BadGateway', PROXY_MESSAGES.upstreamDropped(dropDetail(error)));
  }
}

/** A system error's code (ECONNRESET, ECONNREFUSED); undici's own errors say it better in words ("other side closed"). */
function dropDetail(error: NodeJS.ErrnoException): string {
  return error.code && !error.code.startsWith('UND_ERR') ? error.code : error.message;
}
