// The package's version, from its package.json (inlined by the build).

import packageJson from '../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
