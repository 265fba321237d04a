import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ErrorResponseDto, ProviderAttemptDto } from './dto/error-response.dto';
import { headersOf } from './exception-headers';

/**
 * Gives every error the documented shape. Messages of HttpExceptions are the caller's business;
 * anything else is logged with its stack and answered with a bare 500, so neither stack traces
 * nor upstream bodies reach the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const statusCode = statusOf(exception);
    if (statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : exception,
      );
    }
    const body: ErrorResponseDto = {
      statusCode,
      error: errorOf(exception) ?? STATUS_CODES[statusCode] ?? 'Error',
      message: messageOf(exception, statusCode),
      requestId: request.id ?? '',
      ...attemptsOf(exception),
      ...retryAfterOf(exception),
    };
    if (!response.headersSent) {
      response.set(headersOf(exception)).status(statusCode).json(body);
    }
  }
}

/** Express body-parser errors carry a status (400 malformed JSON, 413 too large). */
function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) {
    return exception.getStatus();
  }
  const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : HttpStatus.INTERNAL_SERVER_ERROR;
}

/** Provider failures also list each provider tried and why. */
function attemptsOf(exception: unknown): Pick<ErrorResponseDto, 'attempted'> {
  const response = exception instanceof HttpException ? exception.getResponse() : undefined;
  const attempted = (response as { attempted?: unknown } | undefined)?.attempted;
  return Array.isArray(attempted) ? { attempted: attempted as ProviderAttemptDto[] } : {};
}

/** An exception may name its error itself ("Rate limit exceeded"). */
function errorOf(exception: unknown): string | undefined {
  const response = exception instanceof HttpException ? exception.getResponse() : undefined;
  const error = (response as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

/** A 429 says in the body too how many seconds to wait. */
function retryAfterOf(exception: unknown): Pick<ErrorResponseDto, 'retry_after'> {
  const response = exception instanceof HttpException ? exception.getResponse() : undefined;
  const retryAfter = (response as { retry_after?: unknown } | undefined)?.retry_after;
  return typeof retryAfter === 'number' ? { retry_after: retryAfter } : {};
}

function messageOf(exception: unknown, statusCode: number): string {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (Array.isArray(message)) {
      return message.join('; ');
    }
    return typeof message === 'string' ? message : exception.message;
  }
  if (statusCode < 500 && exception instanceof Error) {
    return exception.message;
  }
  return 'Internal server error';
}
