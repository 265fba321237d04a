import { Module } from '@nestjs/common';
import { readAppInfo } from '../app-info';
import { APP_INFO, ServiceInfoController } from './service-info.controller';

@Module({
  controllers: [ServiceInfoController],
  providers: [{ provide: APP_INFO, useFactory: readAppInfo }],
})
export class InfoModule {}
