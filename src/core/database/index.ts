export { buildDataSourceOptions } from './database-options';
export { DatabaseModule } from './database.module';
export { ENTITIES } from './entities';
export { openDataSource } from './open-data-source';
