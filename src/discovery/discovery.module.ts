import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpstreamProvider } from '../providers/entities/upstream-provider.entity';
import { ProvidersModule } from '../providers/providers.module';
import { DiscoveredProviders } from './discovered-providers.service';
import { DiscoveryController } from './discovery.controller';
import { DiscoveryJob } from './discovery.job';
import { DiscoveryService } from './discovery.service';

@Module({
  imports: [TypeOrmModule.forFeature([UpstreamProvider]), ProvidersModule],
  controllers: [DiscoveryController],
  providers: [DiscoveryService, DiscoveredProviders, DiscoveryJob],
})
export class DiscoveryModule {}
