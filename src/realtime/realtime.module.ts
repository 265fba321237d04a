import { Module } from '@nestjs/common';
import { MarketModule } from '../market/market.module';
import { ProvidersModule } from '../providers/providers.module';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { PriceFeed } from './feed/price-feed.service';
import { RealtimeHub } from './hub/realtime-hub.service';
import { RevokedKeyCloser } from './hub/revoked-key.closer';
import { RealtimeStatsJob } from './realtime-stats.job';
import { RealtimeMetrics } from './realtime.metrics';
import { ClientAddress } from './transports/client-address';
import { PlainWsServer } from './transports/plain-ws.server';
import { RealtimeGateway } from './transports/realtime.gateway';

/** Socket.IO at /socket.io and a plain WebSocket at /ws, fed by Binance streams or polling. */
@Module({
  imports: [MarketModule, ProvidersModule],
  controllers: [AsyncApiController],
  providers: [
    RealtimeHub,
    RevokedKeyCloser,
    PriceFeed,
    ClientAddress,
    RealtimeGateway,
    PlainWsServer,
    RealtimeStatsJob,
    RealtimeMetrics,
  ],
  exports: [RealtimeHub, PlainWsServer, PriceFeed],
})
export class RealtimeModule {}
