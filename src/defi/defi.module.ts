import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { DefiJob } from './defi.job';
import { DefiController } from './defi.controller';
import { DefiService } from './defi.service';
import { DefiStore } from './defi.store';
import { DefiProtocol } from './entities/defi-protocol.entity';
import { DefiTvlDay } from './entities/tvl-day.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DefiProtocol, DefiTvlDay]), ProvidersModule],
  controllers: [DefiController],
  providers: [DefiStore, DefiService, DefiJob],
})
export class DefiModule {}
