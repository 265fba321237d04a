import { ConfigFilesCheck } from './config-files.check';
import { DatabaseIntegrityCheck } from './database-integrity.check';
import { DiskSpaceCheck } from './disk-space.check';
import { MemoryCheck } from './memory.check';
import { ModelAvailabilityCheck } from './model-availability.check';
import { ProviderHealthCheck } from './provider-health.check';
import { RequiredDirectoriesCheck } from './required-directories.check';
import { UpstreamConnectivityCheck } from './upstream-connectivity.check';

/** Every diagnostic check, in report order: a new check is a class here. */
export const DIAGNOSTIC_CHECK_CLASSES = [
  DatabaseIntegrityCheck,
  ProviderHealthCheck,
  DiskSpaceCheck,
  MemoryCheck,
  ModelAvailabilityCheck,
  ConfigFilesCheck,
  RequiredDirectoriesCheck,
  UpstreamConnectivityCheck,
];
