import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { buildDataSourceOptions } from './database-options';
import { openDataSource } from './open-data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => buildDataSourceOptions(config),
      dataSourceFactory: async (options) => {
        if (!options) {
          throw new Error('TypeORM options are missing');
        }
        return openDataSource(options);
      },
    }),
  ],
})
export class DatabaseModule {}
