import { Injectable } from '@nestjs/common';
import { type DiagnosticCheck, type DiagnosticIssue, issue } from '../diagnostics.types';
import { memoryPercent, round1 } from '../system-stats';

const MAX_USED_PERCENT = 90;

@Injectable()
export class MemoryCheck implements DiagnosticCheck {
  readonly name = 'memory';

  run(): Promise<DiagnosticIssue[]> {
    const used = memoryPercent();
    return Promise.resolve(
      used > MAX_USED_PERCENT
        ? [issue(this.name, 'warning', `${round1(used)} % of system memory in use`)]
        : [],
    );
  }
}
