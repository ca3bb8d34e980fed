/**
 * @msgtrace/core: what the four broker packages share. Its features (carriers, propagation modes,
 * semantic conventions, metrics, guards) arrive with the core issue; the package exists now so
 * every broker package can depend on it from the start.
 */
export const CORE_PACKAGE_NAME = '@msgtrace/core';
