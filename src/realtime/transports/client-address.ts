import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import { type AppConfig, InjectConfig } from '../../core/config';

/** The client's address under TRUST_PROXY, as Express computes req.ip, for socket handshakes. */
@Injectable()
export class ClientAddress {
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(@InjectConfig() config: AppConfig) {
    const setting = config.server.trustProxy;
    this.trust =
      typeof setting === 'boolean'
        ? () => setting
        : typeof setting === 'number'
          ? (_address, hop) => hop < setting
          : proxyAddr.compile(setting.split(',').map((s) => s.trim()));
  }

  of(req: IncomingMessage): string {
    return proxyAddr(req, this.trust);
  }
}
