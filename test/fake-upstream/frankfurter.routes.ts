import { ECB_PER_EUR, ecbDate } from './fx-rates';
import { type Handler, ok } from './route.types';

/**
 * Frankfurter v1 (`/v1/latest`): the ECB's euro rates, or rebased to another base and then
 * rounded as Frankfurter rounds them. Unknown currency → 404, a base quoted against itself → 422.
 */
const NOT_FOUND = { message: 'not found' };
const BAD_PAIR = { message: 'bad currency pair' };
const PER_EUR: Readonly<Record<string, number>> = { EUR: 1, ...ECB_PER_EUR };

/** Frankfurter's rounding of rebased rates (lib/roundable.rb). */
export function frankfurterRound(rate: number): number {
  const digits =
    rate > 5000 ? 0 : rate > 80 ? 2 : rate > 20 ? 3 : rate > 1 ? 4 : rate > 0.0001 ? 5 : 6;
  return Number(rate.toFixed(digits));
}

const error = (status: number, body: unknown) => ok(body, body, body, { status });

const latest: Handler = (q) => {
  const base = (q.get('base') ?? q.get('from') ?? 'EUR').toUpperCase();
  const wanted = (q.get('symbols') ?? q.get('to'))?.toUpperCase().split(',');
  const basePerEur = PER_EUR[base];
  if (basePerEur === undefined || wanted?.some((c) => PER_EUR[c] === undefined)) {
    return error(404, NOT_FOUND);
  }
  const codes = (wanted ?? Object.keys(PER_EUR)).filter((c) => c !== base).sort();
  if (codes.length === 0) {
    return error(422, BAD_PAIR);
  }
  const rates = Object.fromEntries(
    codes.map((c) => {
      const rate = PER_EUR[c] / basePerEur;
      return [c, base === 'EUR' ? rate : frankfurterRound(rate)];
    }),
  );
  const body = { amount: 1.0, base, date: ecbDate(), rates };
  return ok(body, { ...body, rates: {} }, NOT_FOUND);
};

export const frankfurter: Record<string, Handler> = { '/v1/latest': latest };
