import { Module } from '@nestjs/common';
import { RedocController } from './redoc.controller';

@Module({ controllers: [RedocController] })
export class DocsModule {}
