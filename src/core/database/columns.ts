import { Column, type ColumnOptions, PrimaryColumn, type ValueTransformer } from 'typeorm';

/**
 * Instants are stored as epoch milliseconds in a BIGINT on both dialects: UTC by construction,
 * index-friendly, and bucketable with the same arithmetic in SQLite and PostgreSQL
 * (see docs/decisions.md). `pg` returns BIGINT as a string, hence the Number() on the way out.
 */
export const epochMsTransformer: ValueTransformer = {
  to: (value: Date | number | null | undefined) =>
    value instanceof Date ? value.getTime() : value,
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};

type ExtraOptions = Pick<ColumnOptions, 'name' | 'nullable' | 'default'>;

export const EpochMsColumn = (options: ExtraOptions = {}): PropertyDecorator =>
  Column({ type: 'bigint', transformer: epochMsTransformer, ...options });

/** Prices, volumes and TVL: IEEE doubles on both dialects (`pg` parses float8 to number). */
export const DoubleColumn = (options: ExtraOptions = {}): PropertyDecorator =>
  Column({ type: 'double precision', ...options });

/** An instant as the primary key (one row per day or per bucket), stored like EpochMsColumn. */
export const EpochMsPrimaryColumn = (
  options: Pick<ColumnOptions, 'name'> = {},
): PropertyDecorator =>
  PrimaryColumn({ type: 'bigint', transformer: epochMsTransformer, ...options });
