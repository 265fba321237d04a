import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { FearGreedJob } from './fear-greed.job';
import { FearGreedController } from './fear-greed.controller';
import { FearGreedDay } from './entities/fear-greed.entity';
import { FearGreedService } from './fear-greed.service';
import { FearGreedStore } from './fear-greed.store';

@Module({
  imports: [TypeOrmModule.forFeature([FearGreedDay]), ProvidersModule],
  controllers: [FearGreedController],
  providers: [FearGreedStore, FearGreedService, FearGreedJob],
  exports: [FearGreedStore, FearGreedService],
})
export class FearGreedModule {}
