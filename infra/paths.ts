/** Where the repository root is, so topology entry paths (relative to it) resolve from any cwd. */
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
