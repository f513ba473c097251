import { defineConfig } from 'tsup';
import { libraryConfig } from '../../tsup.library.js';

export default defineConfig(libraryConfig({ external: ['@codewhale/core', '@codewhale/node', 'zod', 'smol-toml'] }));
