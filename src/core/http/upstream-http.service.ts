import { Injectable, Logger } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { z } from 'zod';
import { type AppConfig, InjectConfig } from '../config';
import {
  type AddressGuardOptions,
  checkedAddress,
  type CheckedAddress,
  UnsafeTargetError,
} from './address-guard';
import { errorForStatus, errorForTransport } from './classify';
import { parsePayload } from './parse-payload';
import { ProviderError } from './provider-error';
import type { UpstreamCallRecord, UpstreamRequest, UpstreamResponse } from './upstream-http.types';

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const SAFETY_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry no credentials, kept when a redirect leaves the configured origin. */
const CROSS_ORIGIN_HEADERS = ['user-agent', 'accept'];

type CallListener = (record: UpstreamCallRecord) => void;

/**
 * The one place that talks HTTP to upstreams: keep-alive agents, body limits, redirects,
 * classification of every failure into a ProviderError, and a record of every call. Adapters get
 * the raw text back (`get`) or the body validated against their schema (`getParsed`); URLs with
 * their query (which may hold keys) are never logged or put into error messages.
 */
@Injectable()
export class UpstreamHttpService {
  private readonly logger = new Logger(UpstreamHttpService.name);
  private readonly clients = new Map<string, AxiosInstance>();
  private readonly listeners: CallListener[] = [];
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });
  private readonly guard: AddressGuardOptions;

  constructor(@InjectConfig() config: AppConfig) {
    this.guard = { allowedAddresses: config.discovery.allowedAddresses };
  }

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
      const classified =
        error instanceof ProviderError
          ? error
          : errorForTransport(request.provider, request.path, error);
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

  /** `get`, then the body parsed and validated against `schema` (see parsePayload). */
  async getParsed<S extends z.ZodType>(
    request: UpstreamRequest,
    schema: S,
    keepKeys?: ReadonlySet<string>,
  ): Promise<z.output<S>> {
    const { text } = await this.get(request);
    return parsePayload({ provider: request.provider, path: request.path, text, keepKeys }, schema);
  }

  /**
   * The configured URL is the operator's choice and is fetched as given; every redirect it
   * answers is checked like a discovery URL (public addresses only, unless allowed) and its
   * connection pinned to the checked address, so an upstream can never steer the service into
   * its own network. Credentials in headers go only to the origin they were configured for.
   */
  private async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const client = this.client(request.provider);
    let url = new URL(request.baseUrl + request.path);
    let query = request.query;
    let headers = request.headers;
    let pinned: CheckedAddress | undefined;
    for (let hop = 0; ; hop += 1) {
      const result = await client.get<string>(url.toString(), {
        params: query,
        headers,
        signal: request.signal,
        maxContentLength: request.maxBytes ?? DEFAULT_MAX_BYTES,
        lookup: pinned && lookupOf(pinned),
      });
      const location: unknown = REDIRECTS.has(result.status) ? result.headers.location : undefined;
      if (typeof location !== 'string') {
        return { status: result.status, headers: flatHeaders(result.headers), text: result.data };
      }
      if (hop === MAX_REDIRECTS) {
        throw this.refused(request, `more than ${MAX_REDIRECTS} redirects`);
      }
      const next = new URL(location, client.getUri({ url: url.toString(), params: query }));
      pinned = await checkedAddress(next, this.guard).catch((error: Error) => {
        throw this.refused(request, `redirect to ${next.host} refused: ${refusal(error)}`);
      });
      if (next.origin !== url.origin) {
        headers = pick(headers, CROSS_ORIGIN_HEADERS);
      }
      url = next;
      query = undefined;
    }
  }

  private refused(request: UpstreamRequest, why: string): ProviderError {
    return new ProviderError({
      provider: request.provider,
      kind: 'unsafe_redirect',
      message: `${request.path}: ${why}`,
    });
  }

  private client(provider: string): AxiosInstance {
    let client = this.clients.get(provider);
    if (!client) {
      client = axios.create({
        timeout: SAFETY_TIMEOUT_MS,
        // Followed by send(), which checks each target first.
        maxRedirects: 0,
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

function flatHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

function pick(
  headers: Record<string, string> | undefined,
  names: readonly string[],
): Record<string, string> | undefined {
  return headers && Object.fromEntries(Object.entries(headers).filter(([n]) => names.includes(n)));
}

/** Names the rule that refused, never an address a host name resolved to. */
function refusal(error: Error): string {
  return error instanceof UnsafeTargetError && / is not a public address$/.test(error.message)
    ? 'not a public address'
    : error.message;
}

/** Connects to the address already checked, whatever a second DNS answer would say. */
function lookupOf(pinned: CheckedAddress) {
  const entry = { address: pinned.address, family: pinned.family === 6 ? 6 : 4 } as const;
  return () => Promise.resolve(entry);
}
