import {
  type ArgumentsHost,
  BadRequestException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AllProvidersFailedError,
  NotFoundAtProvidersError,
} from '../../providers/registry/provider-attempt';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { withHeaders } from './exception-headers';

function run(exception: unknown): {
  status: number;
  body: unknown;
  headers: Record<string, string>;
} {
  const sent = { status: 0, body: undefined as unknown, headers: {} };
  const response = {
    headersSent: false,
    set(headers: Record<string, string>) {
      sent.headers = { ...sent.headers, ...headers };
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  it('keeps the message of an HttpException', () => {
    assert.deepEqual(run(new NotFoundException('Unknown symbol XYZ')), {
      headers: {},
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'Unknown symbol XYZ',
        requestId: 'req-1',
      },
    });
  });

  it('joins validation messages into one sentence list', () => {
    const { body } = run(
      new BadRequestException([
        'limit must not be greater than 250',
        'page must be a positive number',
      ]),
    );
    assert.equal(
      (body as { message: string }).message,
      'limit must not be greater than 250; page must be a positive number',
    );
  });

  it('hides the details of unexpected errors behind a bare 500', () => {
    const upstreamLeak = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    assert.deepEqual(run(upstreamLeak), {
      headers: {},
      status: 500,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
        requestId: 'req-1',
      },
    });
  });

  it('maps body-parser errors by their status', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    assert.equal(run(tooLarge).status, 413);
  });

  it('sends the headers an error was given', () => {
    const refused = withHeaders(new UnauthorizedException('Unknown or revoked API key'), {
      'X-RateLimit-Limit': '30',
    });
    const { status, headers } = run(refused);
    assert.deepEqual([status, headers], [401, { 'X-RateLimit-Limit': '30' }]);
  });

  it("answers the provider layer's domain errors as 503 and 404 naming each provider tried", () => {
    const attempted = [
      { provider: 'coingecko', outcome: 'timeout' as const, reason: 'timed out', duration_ms: 5 },
    ];
    assert.deepEqual(run(new AllProvidersFailedError('prices', attempted)), {
      status: 503,
      headers: {},
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'No provider could serve prices: coingecko (timeout: timed out)',
        requestId: 'req-1',
        attempted,
      },
    });
    const missing = run(new NotFoundAtProvidersError('Protocol "x"', attempted));
    assert.deepEqual(
      [missing.status, (missing.body as { message: string }).message],
      [404, 'Protocol "x" not found at any provider'],
    );
    assert.deepEqual((missing.body as { attempted: unknown }).attempted, attempted);
  });
});
