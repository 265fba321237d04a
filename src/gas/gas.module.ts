import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { GasController } from './gas.controller';
import { GasService } from './gas.service';

@Module({
  imports: [ProvidersModule],
  controllers: [GasController],
  providers: [GasService],
})
export class GasModule {}
