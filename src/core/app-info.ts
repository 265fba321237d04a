import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AppInfo {
  name: string;
  version: string;
  description: string;
}

/** Name and version from the nearest package.json (dist/ and dist-test/ sit one or two levels down). */
export function readAppInfo(startDir: string = __dirname): AppInfo {
  let dir = startDir;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`package.json not found above ${startDir}`);
    }
    dir = parent;
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as AppInfo;
  return { name: pkg.name, version: pkg.version, description: pkg.description };
}
