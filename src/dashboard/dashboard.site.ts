import { Injectable } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { type AppConfig, InjectConfig } from '../core/config';
import { DASHBOARD_CSP } from './dashboard-csp';
import { CHART_LIBRARY_FILE, type DashboardAssets, loadDashboardAssets } from './dashboard-assets';

/** A year: versioned asset URLs never change content. */
const IMMUTABLE = { maxAge: '365d', immutable: true, index: false, fallthrough: true } as const;

/**
 * The dashboard: `GET /` answers browsers (Accept prefers text/html) with the page and leaves
 * everyone else to the service info JSON; the page's files are served from this process under a
 * versioned prefix. Mounted in front of the guards: the page and its files are no data, so they
 * do not use up a caller's rate limit.
 */
@Injectable()
export class DashboardSite {
  readonly assets: DashboardAssets;
  private readonly dir: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.dir = config.paths.dashboardDir;
    this.assets = loadDashboardAssets(this.dir);
  }

  install(app: NestExpressApplication): void {
    app.use('/', (req: Request, res: Response, next: NextFunction) => this.page(req, res, next));
    app.useStaticAssets(this.dir, { prefix: `${this.assets.base}/`, ...IMMUTABLE });
    app.use(`${this.assets.base}/vendor/lightweight-charts.mjs`, (_req: Request, res: Response) =>
      res.sendFile(CHART_LIBRARY_FILE, IMMUTABLE),
    );
  }

  private page(req: Request, res: Response, next: NextFunction): void {
    if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    // Caches must keep the HTML and the JSON apart.
    res.vary('Accept');
    if (req.accepts(['json', 'html']) !== 'html') {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    // frame-ancestors in the CSP says who may frame the page; helmet's SAMEORIGIN would forbid HF.
    res.removeHeader('X-Frame-Options');
    // The page itself is revalidated (its ETag), so a new version's asset URLs reach browsers.
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(this.assets.html);
  }
}
