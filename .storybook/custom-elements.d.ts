/** custom-elements.json, public members only (see custom-elements-manifest.ts). */
declare module 'virtual:custom-elements-manifest' {
  const manifest: Record<string, unknown>;
  export default manifest;
}
