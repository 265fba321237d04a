import { Module } from '@nestjs/common';
import { DashboardSite } from './dashboard.site';

@Module({ providers: [DashboardSite], exports: [DashboardSite] })
export class DashboardModule {}
