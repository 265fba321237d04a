import { Injectable, Logger } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { errorForStatus, errorForTransport } from './classify';
import type { UpstreamCallRecord, UpstreamRequest, UpstreamResponse } from './upstream-http.types';

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const SAFETY_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

type CallListener = (record: UpstreamCallRecord) => void;

/**
 * The one place that talks HTTP to upstreams: keep-alive agents, body limits, redirects,
 * classification of every failure into a ProviderError, and a record of every call. Adapters get
 * the raw text back and parse it themselves; URLs with their query (which may hold keys) are never
 * logged or put into error messages.
 */
@Injectable()
export class UpstreamHttpService {
  private readonly logger = new Logger(UpstreamHttpService.name);
  private readonly clients = new Map<string, AxiosInstance>();
  private readonly listeners: CallListener[] = [];
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

  onCall(listener: CallListener): void {
    this.listeners.push(listener);
  }

  async get(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = performance.now();
    const at = new Date();
    let response: UpstreamResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      const classified = errorForTransport(request.provider, request.path, error);
      this.emit(request, classified.kind, null, at);
      throw classified;
    }
    const durationMs = Math.round(performance.now() - started);
    this.emit(request, String(response.status), durationMs, at);
    const accepted = request.acceptStatuses?.includes(response.status) ?? false;
    if ((response.status < 200 || response.status >= 300) && !accepted) {
      throw request.refineError?.(response) ?? errorForStatus({ ...request, ...response });
    }
    return response;
  }

  private async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const result = await this.client(request.provider).get<string>(request.baseUrl + request.path, {
      params: request.query,
      headers: request.headers,
      signal: request.signal,
      maxContentLength: request.maxBytes ?? DEFAULT_MAX_BYTES,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: result.status, headers, text: result.data };
  }

  private client(provider: string): AxiosInstance {
    let client = this.clients.get(provider);
    if (!client) {
      client = axios.create({
        timeout: SAFETY_TIMEOUT_MS,
        maxRedirects: MAX_REDIRECTS,
        responseType: 'text',
        transformResponse: [(data: string) => data],
        validateStatus: () => true,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        decompress: true,
      });
      this.clients.set(provider, client);
    }
    return client;
  }

  private emit(
    request: UpstreamRequest,
    status: string,
    durationMs: number | null,
    at: Date,
  ): void {
    const record = { provider: request.provider, endpoint: request.path, status, durationMs, at };
    this.logger.debug(
      `${record.provider} ${record.endpoint} -> ${status} in ${durationMs ?? '-'} ms`,
    );
    for (const listener of this.listeners) {
      listener(record);
    }
  }

  /** Closes idle keep-alive sockets so the process can exit promptly. */
  onApplicationShutdown(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
