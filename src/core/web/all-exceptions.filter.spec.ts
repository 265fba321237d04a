import { type ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AllExceptionsFilter } from './all-exceptions.filter';

function run(exception: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
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
});
