declare const __PACKAGE_VERSION__: string | undefined;

/** `@codewhale/node`'s version (injected at build time; `0.0.0-dev` from source): the version of the span scope. */
export const NODE_PACKAGE_VERSION: string = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';

/** The instrumentation scope name of receipt spans. */
export const RECEIPT_SCOPE_NAME = '@codewhale/node';
