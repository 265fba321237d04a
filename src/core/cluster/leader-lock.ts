import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '../config';
import { RedisConnection } from '../redis/redis.connection';

/** Extends the lock only while this replica still holds it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Gives the lock up only if this replica holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const LOCK_KEY = 'leader';

export interface LeaderState {
  /** This replica's id (REPLICA_ID, or host:pid). */
  replica: string;
  /** The replica holding the lock, when known. */
  leader: string | null;
  leading: boolean;
}

/**
 * One replica leads: it runs the scheduled jobs and holds the upstream exchange stream. The lock
 * is a Redis key with a TTL (CLUSTER_LOCK_TTL_SECONDS), renewed every third of it; every other
 * replica tries to take it as often, so a replica that dies is replaced within the TTL (and one
 * that stops hands over at once). Without REDIS_URL the one replica always leads. While Redis is
 * unreachable nobody can take the lock, so each replica keeps the role it had.
 */
@Injectable()
export class LeaderLock implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LeaderLock.name);
  private leading: boolean;
  private leader: string | null;
  private timer?: NodeJS.Timeout;
  private readonly listeners: ((leading: boolean) => void)[] = [];

  constructor(
    private readonly redis: RedisConnection,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.leading = redis.client === undefined;
    this.leader = this.leading ? this.replica : null;
  }

  private get replica(): string {
    return this.config.cluster.replicaId;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  state(): LeaderState {
    return { replica: this.replica, leader: this.leader, leading: this.leading };
  }

  /** Told each time this replica gains or loses the lead. */
  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Before jobs are scheduled (onApplicationBootstrap), so a start-up run knows its role. */
  async onModuleInit(): Promise<void> {
    if (!this.redis.client) {
      return;
    }
    await this.attempt();
    this.timer = setInterval(() => void this.attempt(), this.config.cluster.lockTtlMs / 3);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    if (this.leading && this.redis.client && this.redis.up) {
      await this.redis.client.eval(RELEASE, 1, LOCK_KEY, this.replica).catch(() => undefined);
    }
  }

  /**
   * Claims one scheduled tick of a job for this replica, so a tick never runs twice even while
   * the lead changes hands. Only the leader claims; without Redis (or while it is down) the
   * leader's claim is its role.
   */
  async claimTick(job: string, tick: Date): Promise<boolean> {
    const client = this.redis.client;
    if (!this.leading) {
      return false;
    }
    if (!client || !this.redis.up) {
      return true;
    }
    const key = `tick:${job}:${Math.round(tick.getTime() / 1000)}`;
    const ttl = Math.max(60_000, this.config.cluster.lockTtlMs * 4);
    return client.set(key, this.replica, 'PX', ttl, 'NX').then(
      (ok) => ok === 'OK',
      () => true,
    );
  }

  private async attempt(): Promise<void> {
    const client = this.redis.client;
    if (!client || !this.redis.up) {
      return;
    }
    const ttl = this.config.cluster.lockTtlMs;
    try {
      if (this.leading && (await client.eval(RENEW, 1, LOCK_KEY, this.replica, ttl)) === 1) {
        return;
      }
      const taken = (await client.set(LOCK_KEY, this.replica, 'PX', ttl, 'NX')) === 'OK';
      this.leader = taken ? this.replica : await client.get(LOCK_KEY);
      this.become(taken);
    } catch (error) {
      this.logger.warn(`leader lock: ${(error as Error).message}; keeping the current role`);
    }
  }

  private become(leading: boolean): void {
    if (leading === this.leading) {
      return;
    }
    this.leading = leading;
    this.logger.log(leading ? `${this.replica} leads` : `${this.replica} no longer leads`);
    this.listeners.forEach((listener) => listener(leading));
  }
}
