import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import {
  type AppConfig,
  type DiscoveryCandidate,
  discoveryCatalogueSchema,
  InjectConfig,
} from '../core/config';
import { UpstreamProvider } from '../providers/entities/upstream-provider.entity';
import { safeFetch } from './safe-fetch';
import { shapeProblem } from './shape';

const PROBE_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 1024 * 1024;
const CONCURRENT_PROBES = 4;

/** discovered: known from a catalogue but not probed (it needs a key the service lacks). */
export type DiscoveryStatus = 'discovered' | 'validated' | 'rejected';

export interface DiscoveryRun {
  runId: string;
  state: 'running' | 'finished' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  candidates: number;
  discovered: number;
  validated: number;
  rejected: number;
  /** Catalogues that could not be read, with why. */
  catalogueErrors: string[];
}

/**
 * Finds and vets free data APIs: candidates from config/discovery-catalogue.json and the
 * DISCOVERY_CATALOGUE_URLS catalogues (fetched through the same guard), minus the providers the
 * service already has; each is probed through `safeFetch` (public addresses only, every redirect
 * re-checked, a timeout and a size cap) and must answer the JSON it promised. Outcomes land in
 * `providers` with source "discovery", disabled: an operator decides what to do with them.
 */
@Injectable()
export class DiscoveryService {
  private readonly logger = new Logger(DiscoveryService.name);
  private current?: { run: DiscoveryRun; done: Promise<DiscoveryRun> };

  constructor(
    @InjectRepository(UpstreamProvider) private readonly providers: Repository<UpstreamProvider>,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Starts a run (or returns the one in progress). */
  start(): { run: DiscoveryRun; done: Promise<DiscoveryRun> } {
    if (this.current?.run.state === 'running') {
      return this.current;
    }
    const run: DiscoveryRun = {
      runId: randomUUID(),
      state: 'running',
      startedAt: new Date(),
      finishedAt: null,
      candidates: 0,
      discovered: 0,
      validated: 0,
      rejected: 0,
      catalogueErrors: [],
    };
    const done = this.execute(run).then(
      () => Object.assign(run, { state: 'finished', finishedAt: new Date() }),
      (error: Error) => {
        this.logger.warn(`discovery run failed: ${error.message}`);
        return Object.assign(run, { state: 'failed', finishedAt: new Date() });
      },
    );
    this.current = { run, done };
    return this.current;
  }

  status(): DiscoveryRun | undefined {
    return this.current?.run;
  }

  results(): Promise<UpstreamProvider[]> {
    return this.providers.find({ where: { source: 'discovery' }, order: { name: 'ASC' } });
  }

  private async execute(run: DiscoveryRun): Promise<void> {
    const known = new Set(this.config.catalogue.providers.map((p) => p.id));
    const pinned = await this.pinnedUrls();
    const candidates = [...new Map((await this.candidates(run)).map((c) => [c.name, c])).values()]
      .filter((c) => !known.has(c.name))
      .map((c) => this.pin(c, pinned.get(c.name)));
    run.candidates = candidates.length;
    const queue = [...candidates];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const outcome = await this.probe(next);
        await this.record(next, outcome);
        run[outcome.status] += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_PROBES }, worker));
  }

  /** Base URLs of the enabled discovered providers, which serve from them. */
  private async pinnedUrls(): Promise<Map<string, string>> {
    const enabled = await this.providers.findBy({ source: 'discovery', enabled: true });
    return new Map(enabled.map((row) => [row.name, row.baseUrl]));
  }

  /**
   * An enabled provider keeps the address an admin approved: a catalogue (remote ones are not
   * ours) that now points its name elsewhere is logged and ignored, and the probe checks the
   * address in use.
   */
  private pin(candidate: DiscoveryCandidate, baseUrl: string | undefined): DiscoveryCandidate {
    if (baseUrl === undefined || baseUrl === candidate.baseUrl) {
      return candidate;
    }
    this.logger.warn(
      `${candidate.name}: a catalogue now gives ${candidate.baseUrl}; it is enabled, so it stays on ${baseUrl}`,
    );
    return { ...candidate, baseUrl };
  }

  private async candidates(run: DiscoveryRun): Promise<DiscoveryCandidate[]> {
    const remote = await Promise.all(
      this.config.discovery.catalogueUrls.map(async (url) => {
        try {
          const { status, body } = await this.fetch(url);
          if (status !== 200) {
            throw new Error(`HTTP ${status}`);
          }
          const parsed = discoveryCatalogueSchema.safeParse(JSON.parse(body));
          if (!parsed.success) {
            throw new Error(`not a catalogue: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
          }
          return parsed.data;
        } catch (error) {
          run.catalogueErrors.push(`${url}: ${(error as Error).message}`);
          return [];
        }
      }),
    );
    return [...this.config.discovery.catalogue, ...remote.flat()];
  }

  private async probe(
    candidate: DiscoveryCandidate,
  ): Promise<{ status: DiscoveryStatus; reason: string | null; latencyMs: number | null }> {
    if (candidate.needsKey) {
      return { status: 'discovered', reason: 'needs an API key; not probed', latencyMs: null };
    }
    const started = performance.now();
    try {
      const { status, body } = await this.fetch(`${candidate.baseUrl}${candidate.probePath}`);
      const latencyMs = Math.round(performance.now() - started);
      const problem = status === 200 ? shapeProblem(body, candidate.expect) : `HTTP ${status}`;
      return problem
        ? { status: 'rejected', reason: problem, latencyMs }
        : { status: 'validated', reason: null, latencyMs };
    } catch (error) {
      return { status: 'rejected', reason: (error as Error).message, latencyMs: null };
    }
  }

  private fetch(url: string) {
    return safeFetch(url, {
      timeoutMs: PROBE_TIMEOUT_MS,
      maxBytes: MAX_BODY_BYTES,
      allowedAddresses: this.config.discovery.allowedAddresses,
    });
  }

  private async record(
    candidate: DiscoveryCandidate,
    outcome: { status: DiscoveryStatus; reason: string | null; latencyMs: number | null },
  ): Promise<void> {
    const row =
      (await this.providers.findOneBy({ name: candidate.name })) ??
      this.providers.create({ name: candidate.name, priority: 1000, createdAt: new Date() });
    const enabled = row.enabled === true;
    Object.assign(row, {
      category: candidate.category,
      baseUrl: enabled ? row.baseUrl : candidate.baseUrl.slice(0, 500),
      status: outcome.status,
      healthScore: outcome.status === 'validated' ? 100 : 0,
      lastCheck: new Date(),
      // Enabling is an admin's decision and the running adapter uses the stored base URL and
      // quote path: a re-run changes none of them for an enabled provider (enabled during this
      // run too); its status still shows the probe.
      enabled,
      requiresKey: candidate.needsKey,
      lastError: outcome.reason,
      source: 'discovery',
      latencyMs: outcome.latencyMs,
      adapterSpec: enabled ? row.adapterSpec : (candidate.quote ?? null),
    });
    await this.providers.save(row);
  }
}
