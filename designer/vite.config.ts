import { defineConfig } from 'vite';

// The designer is served by the Tenure server from designer/dist; in development, Vite proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
