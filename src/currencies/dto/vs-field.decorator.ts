import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches } from 'class-validator';

const CURRENCY_CODE = /^[a-z]{2,10}$/;
const MAX_CURRENCIES = 20;

/** `vs=usd,EUR, btc` → ["usd", "eur", "btc"]. */
const splitCurrencies = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : value;

/**
 * The `vs` query field of every endpoint that serves money in other currencies: a comma list of
 * codes, any case, documented with its default (usd); whether each code is supported is checked
 * against the currency table by `CurrenciesService.requireSupported`.
 */
export function VsCurrenciesField(what: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      default: 'usd',
      description: `Quote currencies, comma-separated, any case (GET /api/currencies lists them). ${what}`,
      example: 'usd,eur,btc',
    }),
    IsOptional(),
    Transform(splitCurrencies),
    ArrayMinSize(1, { message: 'vs must name at least one currency' }),
    ArrayMaxSize(MAX_CURRENCIES, { message: `vs may name at most ${MAX_CURRENCIES} currencies` }),
    Matches(CURRENCY_CODE, {
      each: true,
      message:
        'each vs currency must be a code of 2-10 letters (GET /api/currencies lists the supported ones)',
    }),
  );
}
