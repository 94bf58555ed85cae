import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// `npm run dev:web` serves the console with hot reload and proxies the API to a running `aiops start`.
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { port: 5173, proxy: { '/api': { target: `http://127.0.0.1:${process.env.AIOPS_PORT ?? 3000}`, changeOrigin: false } } },
});
