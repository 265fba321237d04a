import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export const RESPONSE_FORMATS = ['json', 'csv'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/**
 * Sends rows as `text/csv` with a header row, in the given column order, and returns the body for
 * Nest to write (the controller uses `@Res({ passthrough: true })`).
 */
export function sendCsv<T extends object>(params: {
  res: Response;
  filename: string;
  columns: (keyof T & string)[];
  rows: readonly T[];
}): string {
  params.res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  params.res.setHeader('Content-Disposition', `attachment; filename="${params.filename}.csv"`);
  return stringify(params.rows as T[], { header: true, columns: params.columns });
}
