import { Injectable } from '@nestjs/common';
import { ProviderDirectory } from '../../providers/provider.directory';
import { type DiagnosticCheck, type DiagnosticIssue, issue } from '../diagnostics.types';

const PROBE_TIMEOUT_MS = 3_000;

/** Every provider that is not disabled answers its probe. */
@Injectable()
export class UpstreamConnectivityCheck implements DiagnosticCheck {
  readonly name = 'upstream_connectivity';

  constructor(private readonly providers: ProviderDirectory) {}

  async run(): Promise<DiagnosticIssue[]> {
    const runtimes = this.providers.all().filter((r) => r.status() !== 'disabled');
    const results = await Promise.all(
      runtimes.map((runtime) =>
        runtime.probe(PROBE_TIMEOUT_MS).then(
          () => undefined,
          (error: Error) =>
            issue(this.name, 'warning', `${runtime.id}: ${error.message}`, {
              subject: runtime.id,
            }),
        ),
      ),
    );
    return results.filter((r): r is DiagnosticIssue => r !== undefined);
  }
}
