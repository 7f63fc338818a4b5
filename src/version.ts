// ectl's own version, injected by the build (scripts/build.mjs) from package.json.
declare const __ECTL_VERSION__: string | undefined;

/** ectl's version. */
export const ectlVersion: string =
  typeof __ECTL_VERSION__ === 'string' ? __ECTL_VERSION__ : '0.0.0-dev';

/** The etcd API version whose protos ectl implements. */
export const apiVersion = '3.6';
