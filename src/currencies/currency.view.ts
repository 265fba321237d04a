import type { Conversion, CurrencyEntry } from './currency-table';
import type { CurrencyDto } from './dto/currencies.dto';

/** A table entry as `GET /api/currencies` shows it. */
export function toCurrencyDto(
  entry: CurrencyEntry,
  conversion: Conversion | undefined,
): CurrencyDto {
  return {
    code: entry.code,
    name: entry.name,
    kind: entry.kind,
    quoted: entry.quotedBy || entry.code === 'usd' ? 'direct' : 'converted',
    quoted_by: entry.quotedBy,
    rate: entry.code === 'usd' ? 1 : (conversion?.rate ?? null),
    rate_source: conversion?.source ?? null,
    rate_as_of: conversion?.asOf ?? null,
    stale: conversion?.stale ?? false,
  };
}
