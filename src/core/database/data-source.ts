import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, loadEnvFile } from '../config';
import { buildDataSourceOptions } from './database-options';

/** Data source for the TypeORM CLI (`npm run typeorm -- migration:show`), same options as the app. */
loadEnvFile();
export default new DataSource(buildDataSourceOptions(loadConfig(process.env)));
