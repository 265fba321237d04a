import { ServiceUnavailableException } from '@nestjs/common';

/** No model can serve a role right now: still loading, failed, or analysis switched off. */
export class ModelUnavailableError extends ServiceUnavailableException {}
