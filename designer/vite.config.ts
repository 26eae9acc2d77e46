import { defineConfig } from 'vite';

// The designer is served by the Tenure server from designer/dist; in development, Vite proxies the API.
// A build is always a production build, whatever NODE_ENV the building process has (the browser
// tests build from inside Vitest, where NODE_ENV is "test"): React's production code and JSX.
export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1600 },
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  oxc: { jsx: { runtime: 'automatic', development: command === 'serve' } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
}));
