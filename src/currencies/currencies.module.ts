import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { CurrenciesController } from './currencies.controller';
import { CurrenciesJob } from './currencies.job';
import { CurrenciesService } from './currencies.service';
import { CurrencyStore } from './currency.store';
import { CurrencyRecord } from './entities/currency.entity';

/** The currencies `vs` accepts, their FX rates, and conversion from USD for other features. */
@Module({
  imports: [TypeOrmModule.forFeature([CurrencyRecord]), ProvidersModule],
  controllers: [CurrenciesController],
  providers: [CurrencyStore, CurrenciesService, CurrenciesJob],
  exports: [CurrenciesService],
})
export class CurrenciesModule {}
