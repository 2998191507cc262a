// Types for Svelte components, Vite's client API and the VITE_ variables the UI reads.
/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' installs a fake shell with sample data, for browser previews and screenshots. */
  readonly VITE_MOCK_IPC?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
